package io.switchboard.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code database.url} with and without credentials, beside {@code database.user}/{@code password}. */
class DatabaseTargetTest {

    @Test
    void credentialsInTheUrlWin() {
        DatabaseTarget t = DatabaseTarget.fromUrl("postgresql://app:secret@db.example:6432/switchboard", "other", "pw");
        assertEquals("app", t.user());
        assertEquals("secret", t.password());
        assertEquals("db.example", t.host());
        assertEquals(6432, t.port());
        assertEquals("switchboard", t.database());
    }

    @Test
    void withoutCredentialsInTheUrlTheSettingsApply() {
        DatabaseTarget t = DatabaseTarget.fromUrl("postgresql://127.0.0.1:5432/postgres", "postgres", "");
        assertEquals("postgres", t.user(), "not the client library's default user");
        assertEquals("", t.password(), "not the client library's default password");
    }

    @Test
    void aUserWithoutPasswordTakesThePasswordSetting() {
        DatabaseTarget t = DatabaseTarget.fromUrl("postgresql://app@127.0.0.1/switchboard", "other", "pw");
        assertEquals("app", t.user());
        assertEquals("pw", t.password());
    }
}
