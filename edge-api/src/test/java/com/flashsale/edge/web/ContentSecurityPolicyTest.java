package com.flashsale.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentSecurityPolicyTest {

    @Test
    void hashesEveryInlineScriptOfEveryPageAndNoExternalOne(@TempDir Path out) throws Exception {
        Files.writeString(
                out.resolve("index.html"),
                "<script src=\"/_next/static/chunks/a.js\" async=\"\"></script><script>alert(1)</script>"
                        + "<script id=\"_R_\">self.x=1</script>");
        Files.createDirectories(out.resolve("_not-found"));
        Files.writeString(out.resolve("_not-found/page.html"), "<SCRIPT>alert(1)</SCRIPT><script>self.y=2</script>");

        String policy = ContentSecurityPolicy.forPages(out);

        // sha256 of "alert(1)", "self.x=1" and "self.y=2", each once.
        assertThat(policy)
                .contains("script-src 'self' ")
                .contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'");
        assertThat(policy.split("'sha256-")).hasSize(4);
        assertThat(policy).contains("frame-ancestors 'none'", "object-src 'none'", "style-src 'self'");
    }

    @Test
    void aMissingWebUiStillGetsAStrictPolicy(@TempDir Path nothing) {
        assertThat(ContentSecurityPolicy.forPages(nothing.resolve("out")))
                .contains("script-src 'self';")
                .doesNotContain("sha256");
    }
}
