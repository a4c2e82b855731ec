//! Note HTML reduced to what Ashby keeps: `b i u a ul ol li code pre`. Other tags
//! are dropped with their text kept; `script` and `style` lose their content too;
//! links keep only an http(s) or mailto `href`.

const KEPT: [&str; 9] = ["b", "i", "u", "a", "ul", "ol", "li", "code", "pre"];
const DROPPED_WITH_CONTENT: [&str; 2] = ["script", "style"];

pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find('>') else {
            out.push_str("&lt;");
            rest = &after[1..];
            continue;
        };
        let tag = &after[1..end];
        rest = &after[end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && DROPPED_WITH_CONTENT.contains(&name.as_str()) {
            let close = format!("</{name}");
            rest = match rest.to_ascii_lowercase().find(&close) {
                Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                None => "",
            };
            continue;
        }
        if !KEPT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            out.push_str(&format!("</{name}>"));
        } else if name == "a" {
            match href(tag) {
                Some(url) => out.push_str(&format!("<a href=\"{url}\">")),
                None => out.push_str("<a>"),
            }
        } else {
            out.push_str(&format!("<{name}>"));
        }
    }
    out.push_str(rest);
    out
}

/// The `href` of an `a` tag when it is a safe link, attribute-escaped.
fn href(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find("href=")? + 5;
    let value = &tag[at..];
    let url = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()?,
    };
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| url.to_ascii_lowercase().starts_with(s));
    scheme_ok.then(|| url.replace('"', "&quot;").replace('<', "&lt;"))
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn keeps_the_supported_tags_and_the_text_of_others() {
        assert_eq!(
            sanitize("<p>Strong <b>systems</b> <em>background</em></p><ul><li>Rust</li></ul>"),
            "Strong <b>systems</b> background<ul><li>Rust</li></ul>"
        );
    }

    #[test]
    fn drops_scripts_and_unsafe_links() {
        assert_eq!(
            sanitize("a<script>alert(1)</script>b<a href=\"javascript:x\" onclick=\"y\">c</a>"),
            "ab<a>c</a>"
        );
        assert_eq!(
            sanitize("<A HREF='https://example.com/x' target=_blank>site</A>"),
            "<a href=\"https://example.com/x\">site</a>"
        );
        assert_eq!(sanitize("1 < 2"), "1 &lt; 2");
    }
}
