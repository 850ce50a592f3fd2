package io.switchboard.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DestinationGroupsTest {

    @Test
    void aPrefixBelongsToTheCountryCallingCodeItStartsWith() {
        assertEquals("44", DestinationGroups.of("4420"));
        assertEquals("1", DestinationGroups.of("1212555"));
        assertEquals("353", DestinationGroups.of("3538"));
        assertEquals("7", DestinationGroups.of("7495"));
        assertEquals("44", DestinationGroups.of("44"));
    }

    @Test
    void nothingWithoutAnAssignedCode() {
        assertNull(DestinationGroups.of(null));
        assertNull(DestinationGroups.of(""));
        assertNull(DestinationGroups.of("+44"));
        assertNull(DestinationGroups.of("0"), "0 starts no country calling code");
        assertNull(DestinationGroups.of("28"), "28x is unassigned");
    }
}
