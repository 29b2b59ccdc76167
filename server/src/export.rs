//! `hoithi export FILE.zip`: the whole contest for the province's records, as spreadsheets inside
//! one archive: units, people (no passwords), rounds, the questions as attempts drew them,
//! attempts and their answers, judges' sheets, the audit logs and the results.

use crate::routes::files::{Sheet, csv, xlsx};
use anyhow::{Context, bail};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use std::{collections::HashMap, io::Write, path::Path};
use store::entity::{
    answer, attempt, attempt_question, correction, judge_sheet, question, question_version, round,
    score_audit, unit, user,
};

/// "08:30:15 10/07/2017", Vietnam time.
fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    let ms = t.timestamp_millis();
    format!(
        "{} {}",
        domain::time::format_clock(ms),
        domain::time::format_datetime(ms).rsplit(' ').next().unwrap_or("")
    )
}

fn letters(set: &[usize]) -> String {
    set.iter().map(|i| domain::question::letter(*i).to_string()).collect::<Vec<_>>().join(", ")
}

/// One table of the archive: a CSV file, and a sheet of the workbook.
struct Table {
    file: &'static str,
    sheet: &'static str,
    header: &'static [&'static str],
    rows: Vec<Vec<String>>,
}

/// Writes the archive; refuses to overwrite a file.
pub async fn export(db: &DatabaseConnection, file: &Path) -> anyhow::Result<usize> {
    if file.exists() {
        bail!("{} already exists; choose a new file name", file.display());
    }
    let tables = collect(db).await?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for t in &tables {
        zip.start_file(format!("{}.csv", t.file), options)?;
        zip.write_all(&csv(t.header, &t.rows)?)?;
    }
    let sheets: Vec<Sheet<'_>> = tables
        .iter()
        .map(|t| Sheet { name: t.sheet, header: t.header, rows: t.rows.clone(), widths: &[] })
        .collect();
    zip.start_file("hoi-thi.xlsx", options)?;
    zip.write_all(&xlsx(&sheets)?)?;
    let bytes = zip.finish()?.into_inner();
    // Written next to its final name, then renamed: an interrupted export leaves no half archive.
    let partial = file.with_extension("zip.partial");
    std::fs::write(&partial, bytes).with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, file).with_context(|| format!("renaming to {}", file.display()))?;
    Ok(tables.iter().map(|t| t.rows.len()).sum())
}

async fn collect(db: &DatabaseConnection) -> anyhow::Result<Vec<Table>> {
    let units = unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await?;
    let unit_name: HashMap<i32, String> = units.iter().map(|u| (u.id, u.name.clone())).collect();
    let users = user::Entity::find().order_by_asc(user::Column::Id).all(db).await?;
    let person: HashMap<i32, (String, String)> = users
        .iter()
        .map(|u| {
            (
                u.id,
                (
                    u.full_name.clone(),
                    u.unit_id.and_then(|id| unit_name.get(&id).cloned()).unwrap_or_default(),
                ),
            )
        })
        .collect();
    let name = |id: i32| person.get(&id).map(|p| p.0.clone()).unwrap_or_default();
    let rounds = round::Entity::find().order_by_asc(round::Column::Id).all(db).await?;
    let round_name: HashMap<i32, String> = rounds.iter().map(|r| (r.id, r.name.clone())).collect();
    let codes: HashMap<i32, String> =
        question::Entity::find().all(db).await?.into_iter().map(|q| (q.id, q.code)).collect();
    let versions: HashMap<i32, question_version::Model> =
        question_version::Entity::find().all(db).await?.into_iter().map(|v| (v.id, v)).collect();
    let attempts = attempt::Entity::find().order_by_asc(attempt::Column::Id).all(db).await?;
    let drawn = attempt_question::Entity::find()
        .order_by_asc(attempt_question::Column::AttemptId)
        .order_by_asc(attempt_question::Column::Position)
        .all(db)
        .await?;
    let version_at: HashMap<(i64, i32), i32> =
        drawn.iter().map(|d| ((d.attempt_id, d.position), d.question_version_id)).collect();
    let answers = answer::Entity::find()
        .order_by_asc(answer::Column::AttemptId)
        .order_by_asc(answer::Column::Position)
        .all(db)
        .await?;

    let mut used: Vec<i32> = drawn.iter().map(|d| d.question_version_id).collect();
    used.sort_unstable();
    used.dedup();
    let code_of = |version_id: i32| {
        versions.get(&version_id).and_then(|v| codes.get(&v.question_id)).cloned().unwrap_or_default()
    };

    let mut tables = vec![
        Table {
            file: "don-vi",
            sheet: "Đơn vị",
            header: &["Mã", "Tên đơn vị", "Khối", "Biên chế"],
            rows: units
                .iter()
                .map(|u| vec![u.id.to_string(), u.name.clone(), u.group_key.clone(), u.headcount.to_string()])
                .collect(),
        },
        Table {
            file: "nguoi-dung",
            sheet: "Người dùng",
            header: &["Mã", "Họ và tên", "Tên đăng nhập", "Vai trò", "Đơn vị", "Đã khóa"],
            rows: users
                .iter()
                .map(|u| {
                    vec![
                        u.id.to_string(),
                        u.full_name.clone(),
                        u.login.clone(),
                        u.role.label().to_owned(),
                        person.get(&u.id).map(|p| p.1.clone()).unwrap_or_default(),
                        if u.disabled { "có" } else { "" }.to_owned(),
                    ]
                })
                .collect(),
        },
        Table {
            file: "vong-thi",
            sheet: "Vòng thi",
            header: &[
                "Mã",
                "Tên vòng thi",
                "Mở lúc",
                "Kết thúc lúc",
                "Thời gian (giây)",
                "Số lần",
                "Cơ cấu đề",
                "Số người tham gia khi kết thúc",
                "Đã công bố",
            ],
            rows: rounds
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.name.clone(),
                        when(r.opens_at),
                        when(r.closes_at),
                        r.time_limit_secs.to_string(),
                        r.attempts_allowed.to_string(),
                        r.blueprint.clone(),
                        r.participants_at_close.map(|n| n.to_string()).unwrap_or_default(),
                        if r.results_published { "có" } else { "" }.to_owned(),
                    ]
                })
                .collect(),
        },
        Table {
            file: "cau-hoi-da-dung",
            sheet: "Câu hỏi đã dùng",
            header: &[
                "Mã câu hỏi",
                "Phiên bản",
                "Mức độ",
                "Loại",
                "Câu hỏi",
                "Phương án",
                "Đáp án",
                "Giải thích",
                "Căn cứ",
                "Ngày ban hành",
                "Điều, khoản",
            ],
            rows: used
                .iter()
                .filter_map(|id| versions.get(id))
                .map(|v| {
                    vec![
                        code_of(v.id),
                        v.version.to_string(),
                        v.difficulty.label().to_owned(),
                        v.kind.label().to_owned(),
                        v.text.clone(),
                        v.options
                            .0
                            .iter()
                            .enumerate()
                            .map(|(i, o)| format!("{}. {o}", domain::question::letter(i)))
                            .collect::<Vec<_>>()
                            .join("\n"),
                        letters(&v.correct.0),
                        v.explanation.clone(),
                        v.basis_document.clone(),
                        v.basis_date.clone(),
                        v.basis_article.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Table {
            file: "bai-thi",
            sheet: "Bài thi",
            header: &[
                "Mã bài thi",
                "Vòng thi",
                "Thí sinh",
                "Đơn vị",
                "Lần",
                "Bắt đầu",
                "Hạn nộp",
                "Nộp lúc",
                "Nộp bởi",
                "Số câu đúng",
                "Số câu tính điểm",
                "Thời gian (giây)",
                "Dự đoán",
                "Hạt giống đề",
            ],
            rows: attempts
                .iter()
                .map(|a| {
                    vec![
                        a.id.to_string(),
                        round_name.get(&a.round_id).cloned().unwrap_or_default(),
                        name(a.user_id),
                        person.get(&a.user_id).map(|p| p.1.clone()).unwrap_or_default(),
                        a.number.to_string(),
                        when(a.started_at),
                        when(a.deadline_at),
                        a.submitted_at.map(when).unwrap_or_default(),
                        a.finished_by.clone().unwrap_or_default(),
                        a.correct.map(|c| c.to_string()).unwrap_or_default(),
                        a.question_count.to_string(),
                        a.duration_ms.map(|d| (d / 1000).to_string()).unwrap_or_default(),
                        a.prediction.map(|p| p.to_string()).unwrap_or_default(),
                        a.seed.to_string(),
                    ]
                })
                .collect(),
        },
        Table {
            file: "cau-tra-loi",
            sheet: "Câu trả lời",
            header: &[
                "Mã bài thi",
                "Câu số",
                "Mã câu hỏi",
                "Phiên bản",
                "Đã chọn (theo ngân hàng)",
                "Lưu lúc",
                "Địa chỉ IP",
            ],
            rows: answers
                .iter()
                .map(|a| {
                    let version = version_at.get(&(a.attempt_id, a.position)).copied().unwrap_or(0);
                    vec![
                        a.attempt_id.to_string(),
                        a.position.to_string(),
                        code_of(version),
                        versions.get(&version).map(|v| v.version.to_string()).unwrap_or_default(),
                        letters(&a.chosen.0),
                        when(a.saved_at),
                        a.client_ip.clone(),
                    ]
                })
                .collect(),
        },
    ];

    let sheets = judge_sheet::Entity::find().order_by_asc(judge_sheet::Column::Id).all(db).await?;
    tables.push(Table {
        file: "phieu-cham",
        sheet: "Phiếu chấm",
        header: &[
            "Mã phiếu",
            "Phần thi",
            "Đội",
            "Giám khảo",
            "Trạng thái",
            "Điểm từng tiêu chí",
            "Tổng",
            "Nộp lúc",
        ],
        rows: sheets
            .iter()
            .map(|s| {
                vec![
                    s.id.to_string(),
                    s.part_id.to_string(),
                    s.team_id.to_string(),
                    name(s.judge_id),
                    format!("{:?}", s.status),
                    s.scores
                        .0
                        .iter()
                        .map(|q| q.map(|v| format!("{:.2}", f64::from(v) / 4.0)).unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join("; "),
                    s.total_quarters.map(|t| format!("{:.2}", f64::from(t) / 4.0)).unwrap_or_default(),
                    s.submitted_at.map(when).unwrap_or_default(),
                ]
            })
            .collect(),
    });

    let audit = score_audit::Entity::find().order_by_asc(score_audit::Column::Id).all(db).await?;
    let corrections = correction::Entity::find().order_by_asc(correction::Column::Id).all(db).await?;
    let mut log: Vec<(chrono::DateTime<chrono::Utc>, Vec<String>)> = audit
        .iter()
        .map(|a| {
            (
                a.at,
                vec![
                    when(a.at),
                    name(a.by_user),
                    "Chấm thi sân khấu".to_owned(),
                    format!(
                        "phần {} · đội {} · {}{}",
                        a.part_id,
                        a.team_id,
                        a.action,
                        a.field.as_ref().map(|f| format!(" · {f}")).unwrap_or_default()
                    ),
                    a.old_value.clone().unwrap_or_default(),
                    a.new_value.clone().unwrap_or_default(),
                    a.reason.clone().unwrap_or_default(),
                ],
            )
        })
        .collect();
    log.extend(corrections.iter().map(|c| {
        (
            c.at,
            vec![
                when(c.at),
                name(c.by_user),
                "Chấm lại câu hỏi".to_owned(),
                format!(
                    "{} phiên bản {}: {}",
                    code_of(c.question_version_id),
                    versions.get(&c.question_version_id).map_or(0, |v| v.version),
                    c.correction.0.label()
                ),
                format!("{} bài thi", c.affected_attempts),
                format!("{} kết quả thay đổi", c.changes.0.changes.len()),
                c.reason.clone(),
            ],
        )
    }));
    log.sort_by_key(|(at, _)| *at);
    tables.push(Table {
        file: "nhat-ky",
        sheet: "Nhật ký",
        header: &["Thời điểm", "Người thực hiện", "Việc", "Nội dung", "Trước", "Sau", "Lý do"],
        rows: log.into_iter().map(|(_, row)| row).collect(),
    });

    let mut results = Vec::new();
    for r in &rounds {
        let board = store::results::individual_board(db, r).await?;
        results.extend(board.entries.iter().map(|e| {
            vec![
                r.name.clone(),
                e.rank.to_string(),
                e.full_name.clone(),
                e.unit.clone(),
                format!("{}/{}", e.correct, e.total),
                e.prediction.map(|p| p.to_string()).unwrap_or_default(),
                (e.duration_ms / 1000).to_string(),
            ]
        }));
    }
    tables.push(Table {
        file: "ket-qua-ca-nhan",
        sheet: "Kết quả cá nhân",
        header: &["Vòng thi", "Hạng", "Họ và tên", "Đơn vị", "Số câu đúng", "Dự đoán", "Thời gian (giây)"],
        rows: results,
    });
    Ok(tables)
}
