//! Values that make up an account, parsed from user input.

use crate::text;
use serde::{Deserialize, Serialize};

/// Why a value typed by a user was refused. The message is shown to users as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ValidationError {
    #[error("Họ và tên không được để trống.")]
    EmptyName,
    #[error("Họ và tên dài quá 100 ký tự.")]
    NameTooLong,
    #[error("Họ và tên chỉ gồm chữ cái, dấu cách, dấu chấm, dấu gạch nối và dấu nháy.")]
    NameCharacters,
    #[error("Cần nhập email hoặc số điện thoại.")]
    EmptyContact,
    #[error("Email hoặc số điện thoại không hợp lệ.")]
    BadContact,
    #[error("Mật khẩu phải có ít nhất 8 ký tự.")]
    PasswordTooShort,
    #[error("Mật khẩu dài quá 128 ký tự.")]
    PasswordTooLong,
    #[error("Tên đơn vị không được để trống.")]
    EmptyUnitName,
    #[error("Tên đơn vị phải dài từ 2 đến 200 ký tự.")]
    UnitNameLength,
    #[error("Khối không hợp lệ: chọn Khối sở, ban, ngành hoặc Khối huyện, thị xã, thành phố.")]
    UnknownGroup,
    #[error("Số biên chế phải là số nguyên từ 0 đến 1.000.000.")]
    Headcount,
}

/// A person's full name (họ và tên): cleaned, NFC, 1 to 100 characters of letters and a few
/// punctuation marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FullName(String);

impl FullName {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let name = text::clean(input);
        if name.is_empty() {
            return Err(ValidationError::EmptyName);
        }
        if name.chars().count() > 100 {
            return Err(ValidationError::NameTooLong);
        }
        if !name.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'')) {
            return Err(ValidationError::NameCharacters);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// How a contestant signs in: an email address or a Vietnamese phone number, normalised so the
/// same person cannot register twice by changing case or spacing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Contact {
    Email(String),
    Phone(String),
}

impl Contact {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ValidationError::EmptyContact);
        }
        if trimmed.contains('@') {
            return parse_email(trimmed).map(Contact::Email);
        }
        parse_phone(trimmed).map(Contact::Phone)
    }

    /// The normalised login key stored for the account.
    pub fn login(&self) -> &str {
        match self {
            Contact::Email(s) | Contact::Phone(s) => s,
        }
    }
}

fn parse_email(input: &str) -> Result<String, ValidationError> {
    let email = input.to_lowercase();
    let (local, domain) = email.split_once('@').ok_or(ValidationError::BadContact)?;
    let valid_local = !local.is_empty()
        && local.len() <= 64
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let valid_domain = domain.len() <= 255
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if valid_local && valid_domain { Ok(email) } else { Err(ValidationError::BadContact) }
}

/// Accepts 0xxxxxxxxx (10 digits) or +84xxxxxxxxx, with spaces, dots or dashes between digits,
/// and stores the 10-digit national form.
fn parse_phone(input: &str) -> Result<String, ValidationError> {
    let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    let national = match compact.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    let digits_ok = national.chars().all(|c| c.is_ascii_digit());
    if digits_ok && national.len() == 10 && national.starts_with('0') {
        Ok(national)
    } else {
        Err(ValidationError::BadContact)
    }
}

/// The stored key of a login as typed: an email or phone is normalised like at registration;
/// anything else (a user name an organizer chose) is lowercased in Unicode NFC with its spaces
/// cleaned, so "nguyễn.văn.thử" typed precomposed or with combining marks is one login.
pub fn login_key(input: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    match Contact::parse(input) {
        Ok(contact) => contact.login().to_owned(),
        Err(_) => text::clean(input).to_lowercase().nfc().collect(),
    }
}

/// A password typed by a user. Never serialised, never logged.
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 8;

    pub fn parse(input: String) -> Result<Self, ValidationError> {
        match input.chars().count() {
            n if n < Self::MIN_CHARS => Err(ValidationError::PasswordTooShort),
            n if n > 128 => Err(ValidationError::PasswordTooLong),
            _ => Ok(Self(input)),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_are_cleaned_and_checked() {
        let cases: &[(&str, Result<&str, ValidationError>)] = &[
            ("  Nguyễn   Thị  Ánh ", Ok("Nguyễn Thị Ánh")),
            ("Đặng Văn Đức", Ok("Đặng Văn Đức")),
            ("", Err(ValidationError::EmptyName)),
            ("   ", Err(ValidationError::EmptyName)),
            ("<script>", Err(ValidationError::NameCharacters)),
            ("Nguyễn Văn 3", Err(ValidationError::NameCharacters)),
        ];
        for (input, expected) in cases {
            let got = FullName::parse(input).map(FullName::into_inner);
            assert_eq!(got.as_deref().map_err(Clone::clone), expected.clone(), "{input:?}");
        }
        assert_eq!(FullName::parse(&"A".repeat(101)), Err(ValidationError::NameTooLong));
    }

    #[test]
    fn contacts_normalise_email_case_and_phone_formats() {
        let cases: &[(&str, Result<Contact, ValidationError>)] = &[
            ("An.Nguyen@BinhDinh.gov.vn", Ok(Contact::Email("an.nguyen@binhdinh.gov.vn".into()))),
            ("0905 123 456", Ok(Contact::Phone("0905123456".into()))),
            ("+84 905.123.456", Ok(Contact::Phone("0905123456".into()))),
            ("", Err(ValidationError::EmptyContact)),
            ("an@", Err(ValidationError::BadContact)),
            ("an@localhost", Err(ValidationError::BadContact)),
            ("12345", Err(ValidationError::BadContact)),
            ("1905123456", Err(ValidationError::BadContact)),
        ];
        for (input, expected) in cases {
            assert_eq!(&Contact::parse(input), expected, "{input:?}");
        }
    }

    #[test]
    fn logins_typed_with_combining_marks_are_the_same_login() {
        let precomposed = "Nguyễn.Văn.Thử";
        let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(precomposed).collect();
        assert_ne!(precomposed, decomposed);
        assert_eq!(login_key(precomposed), "nguyễn.văn.thử");
        assert_eq!(login_key(&decomposed), "nguyễn.văn.thử");
        assert_eq!(login_key(" An.Nguyen@BinhDinh.gov.vn "), "an.nguyen@binhdinh.gov.vn");
        assert_eq!(login_key("0905 123 456"), "0905123456");
    }

    #[test]
    fn passwords_need_eight_characters_counted_as_letters_not_bytes() {
        assert_eq!(Password::parse("ngắn".into()).err(), Some(ValidationError::PasswordTooShort));
        assert!(Password::parse("mậtkhẩu1".into()).is_ok());
        assert_eq!(format!("{:?}", Password::parse("bí mật lắm".into())), "Ok(Password(***))");
    }
}
