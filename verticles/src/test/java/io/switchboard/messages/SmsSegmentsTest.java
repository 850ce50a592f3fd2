package io.switchboard.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.messages.SmsSegments.Encoding;
import io.switchboard.messages.SmsSegments.Segmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsSegmentsTest {

    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, outside the BMP

    private static Segmentation gsm7(int units, int segments) {
        return new Segmentation(Encoding.GSM7, units, segments);
    }

    private static Segmentation ucs2(int units, int segments) {
        return new Segmentation(Encoding.UCS2, units, segments);
    }

    @Test
    void anEmptyBodyIsBilledAsOneSegment() {
        assertEquals(gsm7(0, 1), SmsSegments.of(""));
    }

    @Test
    void aNullBodyIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> SmsSegments.of(null));
        assertEquals("body", e.getMessage());
    }

    @Test
    void gsm7SingleSegmentHolds160Septets() {
        assertEquals(gsm7(1, 1), SmsSegments.of("a"));
        assertEquals(gsm7(160, 1), SmsSegments.of("a".repeat(160)));
        assertEquals(gsm7(161, 2), SmsSegments.of("a".repeat(161)));
    }

    @Test
    void gsm7PartsHold153Septets() {
        assertEquals(gsm7(306, 2), SmsSegments.of("a".repeat(306)));
        assertEquals(gsm7(307, 3), SmsSegments.of("a".repeat(307)));
        assertEquals(gsm7(1530, 10), SmsSegments.of("a".repeat(1530)));
    }

    @Test
    void theMaximumIsNotEnforcedHere() {
        assertEquals(10, SmsSegments.MAX_SEGMENTS);
        assertEquals(gsm7(1531, 11), SmsSegments.of("a".repeat(1531)));
    }

    @Test
    void theEuroSignIsAnExtensionCharacterOfTwoSeptets() {
        assertEquals(gsm7(2, 1), SmsSegments.of("€"));
        assertEquals(gsm7(9, 1), SmsSegments.of("Pay 5 €."));
        assertEquals(gsm7(160, 1), SmsSegments.of("€".repeat(80)));
        // 81 euros = 162 septets: 76 pairs (152 septets) fit a part, the 77th pair goes on.
        assertEquals(gsm7(162, 2), SmsSegments.of("€".repeat(81)));
        assertEquals(gsm7(306, 3), SmsSegments.of("€".repeat(153)));
    }

    @Test
    void everyExtensionCharacterCostsTwoSeptets() {
        for (char c : "\f^{}\\[~]|€".toCharArray()) {
            assertEquals(gsm7(2, 1), SmsSegments.of(String.valueOf(c)), "U+" + Integer.toHexString(c));
        }
        assertEquals(gsm7(20, 1), SmsSegments.of("\f^{}\\[~]|€"));
    }

    @Test
    void anExtensionCharacterAtTheSingleSegmentBoundary() {
        assertEquals(gsm7(160, 1), SmsSegments.of("a".repeat(158) + "€"));
        assertEquals(gsm7(161, 2), SmsSegments.of("a".repeat(159) + "€"));
    }

    @Test
    void anEscapePairIsNeverSplitAcrossParts() {
        // Part 1 would end on ESC at septet 153: the pair moves, part 1 holds 152 septets,
        // part 2 gets 2 + 152 = 154 > 153, so a third part is needed although 306 septets
        // would otherwise fit two parts.
        assertEquals(gsm7(306, 3), SmsSegments.of("a".repeat(152) + "[" + "a".repeat(152)));
        // The same pair one septet earlier ends part 1 exactly at 153.
        assertEquals(gsm7(306, 2), SmsSegments.of("a".repeat(151) + "[" + "a".repeat(153)));
    }

    @Test
    void greekCapitalsOfTheBasicTableAreGsm7() {
        assertEquals(gsm7(10, 1), SmsSegments.of("ΔΦΓΛΩΠΨΣΘΞ"));
    }

    @Test
    void greekLettersOutsideTheTableAreUcs2() {
        assertEquals(ucs2(1, 1), SmsSegments.of("α"));
        // U+0391 GREEK CAPITAL LETTER ALPHA looks like A but is not in the table.
        assertEquals(ucs2(1, 1), SmsSegments.of("Α"));
    }

    @Test
    void onlyCapitalCCedillaIsInTheBasicTable() {
        // TS 23.038 table 6.2.1 code 0x09 is U+00C7; U+00E7 is in neither table.
        assertEquals(gsm7(6, 1), SmsSegments.of("Ça va!"));
        assertEquals(ucs2(6, 1), SmsSegments.of("garçon"));
    }

    @Test
    void theWholeBasicTableIsGsm7() {
        String table = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        assertEquals(127, table.length());
        assertEquals(gsm7(127, 1), SmsSegments.of(table));
    }

    @Test
    void crAndLfAreOneSeptetEach() {
        assertEquals(gsm7(4, 1), SmsSegments.of("a\r\nb"));
        assertEquals(gsm7(161, 2), SmsSegments.of("\r\n".repeat(80) + "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u001B", "\t", "`", "á", "í", "ó", "ú", "ã", "õ", "\u00A0", "’", "“"})
    void charactersInNeitherTableMakeTheBodyUcs2(String c) {
        assertEquals(ucs2(2, 1), SmsSegments.of("a" + c));
    }

    @Test
    void ucs2SingleSegmentHolds70Units() {
        assertEquals(ucs2(70, 1), SmsSegments.of("я".repeat(70)));
        assertEquals(ucs2(71, 2), SmsSegments.of("я".repeat(71)));
    }

    @Test
    void ucs2PartsHold67Units() {
        assertEquals(ucs2(134, 2), SmsSegments.of("я".repeat(134)));
        assertEquals(ucs2(135, 3), SmsSegments.of("я".repeat(135)));
    }

    @Test
    void oneEmojiMakesOtherwiseGsmTextUcs2() {
        assertEquals(ucs2(8, 1), SmsSegments.of("Hello " + EMOJI));
        assertEquals(ucs2(70, 1), SmsSegments.of("a".repeat(68) + EMOJI));
        assertEquals(ucs2(71, 2), SmsSegments.of("a".repeat(69) + EMOJI));
    }

    @Test
    void charactersOutsideTheBmpCountDouble() {
        assertEquals(ucs2(2, 1), SmsSegments.of(EMOJI));
        assertEquals(ucs2(70, 1), SmsSegments.of(EMOJI.repeat(35)));
        // 36 emoji = 72 units; 33 pairs (66 units) fit a part of 67.
        assertEquals(ucs2(72, 2), SmsSegments.of(EMOJI.repeat(36)));
        assertEquals(ucs2(134, 3), SmsSegments.of(EMOJI.repeat(67)));
    }

    @Test
    void aSurrogatePairIsNeverSplitAtThe67UnitBoundary() {
        // The pair would straddle units 67 and 68: part 1 holds 66, part 2 gets 2 + 66 = 68.
        assertEquals(ucs2(134, 3), SmsSegments.of("a".repeat(66) + EMOJI + "a".repeat(66)));
        // One unit earlier the pair ends part 1 exactly at 67.
        assertEquals(ucs2(134, 2), SmsSegments.of("a".repeat(65) + EMOJI + "a".repeat(67)));
    }

    @Test
    void anUnpairedSurrogateCountsOneUnit() {
        assertEquals(ucs2(2, 1), SmsSegments.of("\uD83Da"));
        assertEquals(ucs2(71, 2), SmsSegments.of("\uDE00".repeat(71)));
    }
}
