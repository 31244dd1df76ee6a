package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kepu.shared.error.ValidationFailed;

class UserTextTests {

    @Test
    void keepsTextTrimsAndNormalises() {
        assertThat(UserText.clean("  讲解很清楚！\n下次还来  ", "comment", 500, true)).contains("讲解很清楚！\n下次还来");
        // e + combining acute composes to é (NFC), so it counts as one character
        assertThat(UserText.clean("e\u0301", "comment", 1, false)).contains("é");
        assertThat(UserText.clean("   ", "comment", 500, true)).isEmpty();
        assertThat(UserText.clean(null, "comment", 500, true)).isEmpty();
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String emoji = "🔬".repeat(200);
        assertThat(UserText.clean(emoji, "text", 200, false)).contains(emoji);
        assertThatThrownBy(() -> UserText.clean(emoji + "x", "text", 200, false))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("too-long"));
    }

    @Test
    void rejectsControlCharactersBidiOverridesAndLoneSurrogates() {
        for (String bad :
                new String[] {"a\u0000b", "a\u0007b", "a\u009Fb", "abc\u202Egnp.exe", "a\u2066b", "a\uD800b", "a\uDC00"
                }) {
            assertThatThrownBy(() -> UserText.clean(bad, "comment", 500, true))
                    .as(bad)
                    .isInstanceOfSatisfying(ValidationFailed.class, e -> {
                        assertThat(e.errors().get(0).field()).isEqualTo("comment");
                        assertThat(e.errors().get(0).code()).isEqualTo("invalid-text");
                    });
        }
    }

    @Test
    void lineBreaksOnlyInMultiLineText() {
        assertThat(UserText.clean("a\nb", "comment", 500, true)).contains("a\nb");
        assertThatThrownBy(() -> UserText.clean("a\nb", "text", 200, false)).isInstanceOf(ValidationFailed.class);
    }
}
