package org.equiplan.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.equiplan.problem.InvalidProblemException;
import org.junit.jupiter.api.Test;

/** The standards' own examples: RFC 7386 section 3, and RFC 6901 pointers with escapes. */
class PatchesTest {

    @Test
    void mergePatchAsInRfc7386() {
        String target = "{\"title\":\"Goodbye!\",\"author\":{\"givenName\":\"John\",\"familyName\":\"Doe\"},"
                + "\"tags\":[\"example\",\"sample\"],\"content\":\"This will be unchanged\"}";
        String patch = "{\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\",\"author\":{\"familyName\":null},"
                + "\"tags\":[\"example\"]}";
        assertThat(Patches.merge(target, patch))
                .isEqualTo("{\"title\":\"Hello!\",\"author\":{\"givenName\":\"John\"},\"tags\":[\"example\"],"
                        + "\"content\":\"This will be unchanged\",\"phoneNumber\":\"+01-123-456-7890\"}");
        assertThatThrownBy(() -> Patches.merge(target, "[1]")).isInstanceOf(InvalidProblemException.class);
        assertThatThrownBy(() -> Patches.merge(target, "{oops")).isInstanceOf(InvalidProblemException.class);
    }

    @Test
    void aValueIsPutAtAPointerReplacingOrAddingAMember() {
        String doc =
                "{\"budget\":1,\"limits\":{\"open\":{\"clinic\":{\"most\":3}}},\"services\":[{\"id\":\"a/b\",\"maxDistance\":4}]}";
        assertThat(Patches.set(doc, "/budget", "2", "parameter")).contains("\"budget\":2");
        assertThat(Patches.set(doc, "/limits/open/clinic/most", "5", "parameter"))
                .contains("\"most\":5");
        assertThat(Patches.set(doc, "/services/0/maxDistance", "6.5", "parameter"))
                .contains("\"maxDistance\":6.5");
        assertThat(Patches.set(doc, "/objective", "{\"equityWeight\":0.5}", "parameter"))
                .contains("\"objective\":{\"equityWeight\":0.5}");
        assertThat(Patches.get(doc, "/services/0/id")).contains("\"a/b\"");
        assertThatThrownBy(() -> Patches.set(doc, "/nowhere/deep", "1", "parameter"))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("parameter");
        assertThatThrownBy(() -> Patches.set(doc, "budget", "1", "parameter"))
                .isInstanceOf(InvalidProblemException.class);
    }
}
