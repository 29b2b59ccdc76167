//! Importing a roster of contestants from .csv or .xlsx: every bad row is reported, and nothing is
//! imported unless every row is good.

use crate::{
    entity::{unit, user},
    error::StoreError,
    password,
    sheet::{self, SheetError, Table},
    units,
};
use domain::{Contact, FullName, Password, Role, text};
use rand::{Rng, seq::SliceRandom};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// Header names accepted for each column, compared without accents or case.
const NAME: &[&str] = &["ho va ten", "ho ten"];
const UNIT: &[&str] = &["don vi", "co quan", "co quan, don vi"];
const CONTACT: &[&str] =
    &["email hoac so dien thoai", "email", "so dien thoai", "email/so dien thoai", "lien he"];
const PASSWORD: &[&str] = &["mat khau"];

/// A problem with one row, located the way the organizer sees the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub location: String,
    pub message: String,
}

/// Why a roster was refused as a whole.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("{0}")]
    Sheet(#[from] SheetError),
    #[error("Thiếu cột: {}. Hãy dùng tệp mẫu.", .0.join(", "))]
    MissingColumns(Vec<&'static str>),
    #[error("Có {} dòng lỗi; chưa nhập tài khoản nào.", .0.len())]
    Rows(Vec<RowProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for RosterError {
    fn from(e: sea_orm::DbErr) -> Self {
        RosterError::Store(e.into())
    }
}

/// A valid row, ready to become an account.
#[derive(Debug)]
pub struct RosterRow {
    pub full_name: FullName,
    pub unit_id: i32,
    pub contact: Contact,
    pub password: Option<Password>,
}

/// An account created with a generated password, which the organizer must hand out.
#[derive(Debug, Clone)]
pub struct GeneratedLogin {
    pub full_name: String,
    pub login: String,
    pub password: String,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Imported {
    pub created: usize,
    pub generated: Vec<GeneratedLogin>,
}

/// Checks every row of every table against the units and the logins already taken. Pure.
pub fn validate(
    tables: &[Table],
    units: &[unit::Model],
    taken: &HashSet<String>,
) -> Result<Vec<RosterRow>, RosterError> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for table in tables {
        let (Some(name_col), Some(unit_col), Some(contact_col)) =
            (table.column(NAME), table.column(UNIT), table.column(CONTACT))
        else {
            let mut missing = Vec::new();
            if table.column(NAME).is_none() {
                missing.push("Họ và tên");
            }
            if table.column(UNIT).is_none() {
                missing.push("Đơn vị");
            }
            if table.column(CONTACT).is_none() {
                missing.push("Email hoặc số điện thoại");
            }
            return Err(RosterError::MissingColumns(missing));
        };
        let password_col = table.column(PASSWORD);
        for (number, cells) in &table.rows {
            let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or_default();
            let location = table.locate(*number);
            let mut row_problems = Vec::new();
            let full_name = FullName::parse(cell(name_col)).map_err(|e| row_problems.push(e.to_string()));
            let unit = units::find_by_name(units, cell(unit_col));
            if unit.is_none() {
                row_problems.push(if cell(unit_col).is_empty() {
                    "Đơn vị không được để trống.".to_owned()
                } else {
                    format!("Đơn vị “{}” không có trong danh sách đơn vị.", cell(unit_col))
                });
            }
            let contact = Contact::parse(cell(contact_col)).map_err(|e| row_problems.push(e.to_string()));
            if let Ok(contact) = &contact {
                if taken.contains(contact.login()) {
                    row_problems.push(format!("“{}” đã có tài khoản.", contact.login()));
                } else if let Some(first) = seen.get(contact.login()) {
                    row_problems.push(format!("“{}” trùng với {first}.", contact.login()));
                } else {
                    seen.insert(contact.login().to_owned(), table.locate_inline(*number));
                }
            }
            let password = match password_col.map(cell).filter(|p| !p.is_empty()) {
                Some(p) => {
                    Password::parse(p.to_owned()).map(Some).map_err(|e| row_problems.push(e.to_string()))
                }
                None => Ok(None),
            };
            match (full_name, unit, contact, password) {
                (Ok(full_name), Some(unit), Ok(contact), Ok(password)) if row_problems.is_empty() => {
                    rows.push(RosterRow { full_name, unit_id: unit.id, contact, password })
                }
                _ => problems.extend(
                    row_problems
                        .into_iter()
                        .map(|message| RowProblem { location: location.clone(), message }),
                ),
            }
        }
    }
    if problems.is_empty() { Ok(rows) } else { Err(RosterError::Rows(problems)) }
}

/// A 10-character password without look-alike characters (0/O, 1/l/I).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    let mut chars: Vec<char> = (0..9).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    chars.push(char::from(b'2' + rng.gen_range(0..8u8)));
    chars.shuffle(&mut rng);
    chars.into_iter().collect()
}

/// Reads, validates and imports a roster in one transaction.
#[tracing::instrument(skip_all, fields(file = %file_name, bytes = bytes.len()))]
pub async fn import(db: &DatabaseConnection, file_name: &str, bytes: &[u8]) -> Result<Imported, RosterError> {
    let tables = sheet::read_off_runtime(file_name, bytes).await?;
    let all_units = units::list(db).await?;
    let logins: Vec<String> = tables
        .iter()
        .flat_map(|t| {
            let col = t.column(CONTACT);
            t.rows.iter().filter_map(move |(_, cells)| Contact::parse(cells.get(col?)?).ok())
        })
        .map(|c| c.login().to_owned())
        .collect();
    let mut taken = HashSet::new();
    for chunk in logins.chunks(500) {
        let found = user::Entity::find().filter(user::Column::Login.is_in(chunk.to_vec())).all(db).await?;
        taken.extend(found.into_iter().map(|u| u.login));
    }
    let rows = validate(&tables, &all_units, &taken)?;

    let mut generated = Vec::new();
    let mut secrets = Vec::with_capacity(rows.len());
    for row in &rows {
        match &row.password {
            Some(p) => secrets.push(p.expose().to_owned()),
            None => {
                let p = generate_password();
                generated.push(GeneratedLogin {
                    full_name: row.full_name.as_str().to_owned(),
                    login: row.contact.login().to_owned(),
                    password: p.clone(),
                });
                secrets.push(p);
            }
        }
    }
    let hashes = password::hash_many(secrets).await?;

    let now = chrono::Utc::now();
    let models: Vec<user::ActiveModel> = rows
        .into_iter()
        .zip(hashes)
        .map(|(row, hash)| {
            let name = row.full_name.into_inner();
            let login = row.contact.login().to_owned();
            user::ActiveModel {
                search_key: Set(text::fold(&format!("{name} {login}"))),
                sort_key: Set(domain::results::collation::sort_key(&name)),
                login: Set(login),
                full_name: Set(name),
                role: Set(Role::Contestant),
                unit_id: Set(Some(row.unit_id)),
                is_head_judge: Set(false),
                is_reserve_judge: Set(false),
                password_hash: Set(hash),
                disabled: Set(false),
                created_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    let created = models.len();
    let txn = db.begin().await?;
    for chunk in models.chunks(200) {
        user::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await?;
    }
    txn.commit().await?;
    tracing::info!(created, "roster imported");
    Ok(Imported { created, generated })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i32, name: &str) -> unit::Model {
        unit::Model {
            id,
            name: name.into(),
            group_key: "department".into(),
            headcount: 10,
            created_at: chrono::Utc::now(),
        }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            sheet: None,
            header: vec!["Họ và tên".into(), "Đơn vị".into(), "Email hoặc số điện thoại".into()],
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 2, r.iter().map(|c| c.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn every_bad_row_is_reported_with_its_number() {
        let units = [unit(1, "Sở Nội vụ")];
        let taken = HashSet::from(["da.co@hoithi.test".to_owned()]);
        let t = table(&[
            &["Nguyễn Văn A", "so noi vu", "a@hoithi.test"],
            &["", "Sở Nội vụ", "b@hoithi.test"],
            &["Trần Thị C", "Sở Không Có", "c@hoithi.test"],
            &["Lê Văn D", "Sở Nội vụ", "A@hoithi.test"],
            &["Phạm E", "Sở Nội vụ", "da.co@hoithi.test"],
        ]);
        let Err(RosterError::Rows(problems)) = validate(&[t], &units, &taken) else {
            panic!("expected row problems")
        };
        let lines: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.location, p.message)).collect();
        assert_eq!(
            lines,
            [
                "Dòng 3: Họ và tên không được để trống.",
                "Dòng 4: Đơn vị “Sở Không Có” không có trong danh sách đơn vị.",
                "Dòng 5: “a@hoithi.test” trùng với dòng 2.",
                "Dòng 6: “da.co@hoithi.test” đã có tài khoản.",
            ]
        );
    }

    #[test]
    fn a_good_roster_yields_typed_rows() {
        let units = [unit(7, "UBND huyện Tuy Phước")];
        let t = table(&[&["  Võ  Thị Hồng ", "ubnd huyen tuy phuoc", "0905 111 222"]]);
        let rows = validate(&[t], &units, &HashSet::new()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].full_name.as_str(), "Võ Thị Hồng");
        assert_eq!(rows[0].unit_id, 7);
        assert_eq!(rows[0].contact.login(), "0905111222");
    }

    #[test]
    fn a_file_without_the_required_columns_is_refused() {
        let t = Table { sheet: None, header: vec!["Tên".into()], rows: vec![(2, vec!["A".into()])] };
        let Err(RosterError::MissingColumns(missing)) = validate(&[t], &[], &HashSet::new()) else {
            panic!("expected missing columns")
        };
        assert_eq!(missing, ["Họ và tên", "Đơn vị", "Email hoặc số điện thoại"]);
    }

    #[test]
    fn generated_passwords_are_long_enough_and_unambiguous() {
        let p = generate_password();
        assert_eq!(p.chars().count(), 10);
        assert!(!p.contains(['0', 'O', '1', 'l', 'I']));
        assert!(Password::parse(p).is_ok());
    }
}
