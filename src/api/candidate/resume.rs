//! What `candidate.uploadResume` reads from a resume: the first email address and
//! phone number of a plain-text resume. They fill only what the candidate lacks;
//! existing data always wins, as in Ashby. Other formats are kept, not parsed.

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Whether a file is plain text this parser can read.
pub fn readable(content_type: &str, name: &str) -> bool {
    content_type.starts_with("text/plain") || name.to_ascii_lowercase().ends_with(".txt")
}

pub fn parse(text: &str) -> Found {
    Found {
        email: text.split_whitespace().find_map(email),
        phone: text.lines().find_map(phone),
    }
}

fn email(word: &str) -> Option<String> {
    let word = word.trim_matches(|c: char| {
        !(c.is_alphanumeric() || c == '@' || c == '.' || c == '_' || c == '-' || c == '+')
    });
    let word = word.trim_end_matches('.');
    let (user, host) = word.split_once('@')?;
    let valid =
        !user.is_empty() && host.contains('.') && !host.contains('@') && !host.ends_with('.');
    valid.then(|| word.to_string())
}

/// The first run of phone characters on a line holding 9 to 15 digits (fewer are
/// more often years and ranges than phone numbers).
fn phone(line: &str) -> Option<String> {
    let phone_char = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let mut rest = line;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(') {
        let run: String = rest[start..]
            .chars()
            .take_while(|c| phone_char(*c))
            .collect();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        if (9..=15).contains(&digits) {
            return Some(
                run.trim()
                    .trim_end_matches(['-', '.', '('])
                    .trim()
                    .to_string(),
            );
        }
        rest = &rest[start + run.len().max(1)..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_email_and_phone() {
        let found = parse(
            "Ada Lovelace\nExperience 2019-2024\nContact: <ada@example.com>, (+44) 20 7946-0000.\nalt: a@b.io",
        );
        assert_eq!(found.email.as_deref(), Some("ada@example.com"));
        assert_eq!(found.phone.as_deref(), Some("(+44) 20 7946-0000"));
    }

    #[test]
    fn finds_nothing_in_text_without_contacts() {
        assert_eq!(
            parse("Worked 2019-2024 at Initech, 3 teams"),
            Found::default()
        );
    }
}
