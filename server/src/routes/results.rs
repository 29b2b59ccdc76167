//! Results downloads (.xlsx and .csv of every leaderboard) and the change events the projector
//! listens to.

use super::{errors, files, guard};
use app::{service::results, ssr::AppState};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{
        Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use domain::time::format_duration;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;

const PEOPLE: [&str; 8] =
    ["Hạng", "Họ và tên", "Đơn vị", "Số câu đúng", "Số câu", "Dự đoán", "Thời gian", "Giải"];
const UNITS: [&str; 8] =
    ["Khối", "Hạng", "Đơn vị", "Người tham gia", "Biên chế", "Tỷ lệ tham gia", "Điểm trung bình", "Giải"];
const TEAMS: [&str; 8] = ["Hạng", "Đội", "Chào hỏi", "Kiến thức", "Tiểu phẩm", "Điểm trừ", "Tổng", "Giải"];

fn prize(p: Option<domain::results::prizes::Prize>) -> String {
    p.map(|p| p.label().to_owned()).unwrap_or_default()
}

/// `/ban-to-chuc/ket-qua/vong/{id}.xlsx` or `.csv`: the individual and unit boards of a round.
pub async fn round_file(
    State(state): State<AppState>,
    caller: app::ssr::Identified,
    Path(file): Path<String>,
) -> Response {
    if let Err(r) = guard::require::<app::service::caller::Organizer>(&caller, "/ban-to-chuc/ket-qua") {
        return r;
    }
    let (id, ext) = file.rsplit_once('.').unwrap_or((&file, ""));
    let Ok(id) = id.parse::<i32>() else {
        return errors::page(StatusCode::NOT_FOUND, "Không tìm thấy vòng thi.");
    };
    let board = match results::get_round_results(&state, caller.0.as_ref(), id).await {
        Ok(b) => b,
        Err(app::error::AppError::NotFound) => {
            return errors::page(StatusCode::NOT_FOUND, "Không tìm thấy vòng thi.");
        }
        Err(e) => return errors::internal("building a download failed", &e),
    };
    let people: Vec<Vec<String>> = board
        .people
        .iter()
        .map(|p| {
            vec![
                p.rank.to_string(),
                p.name.clone(),
                p.unit.clone(),
                p.correct.to_string(),
                p.total.to_string(),
                p.prediction.map(|v| v.to_string()).unwrap_or_default(),
                format_duration(p.duration_ms),
                prize(p.prize),
            ]
        })
        .collect();
    let units: Vec<Vec<String>> = board
        .units
        .iter()
        .map(|u| {
            vec![
                u.group.label().to_owned(),
                domain::results::units::rank_text(u.rank),
                u.name.clone(),
                u.participants.to_string(),
                u.headcount.to_string(),
                u.rate.clone(),
                u.average.clone(),
                prize(u.prize),
            ]
        })
        .collect();
    let name = format!("ket-qua-vong-{id}");
    match ext {
        "xlsx" => files::download(
            files::xlsx(&[
                files::Sheet {
                    name: "Cá nhân",
                    header: &PEOPLE,
                    rows: people,
                    widths: &[7.0, 28.0, 36.0, 12.0, 8.0, 10.0, 10.0, 18.0],
                },
                files::Sheet {
                    name: "Tập thể",
                    header: &UNITS,
                    rows: units,
                    widths: &[30.0, 7.0, 40.0, 14.0, 10.0, 14.0, 14.0, 18.0],
                },
            ]),
            &format!("{name}.xlsx"),
        ),
        "csv" => files::download(files::csv(&PEOPLE, &people), &format!("{name}.csv")),
        _ => errors::page(StatusCode::NOT_FOUND, "Không có định dạng này."),
    }
}

/// `/ban-to-chuc/ket-qua/san-khau.xlsx` or `.csv`: the stage standings.
pub async fn stage_file(
    State(state): State<AppState>,
    caller: app::ssr::Identified,
    Path(file): Path<String>,
) -> Response {
    if let Err(r) = guard::require::<app::service::caller::Organizer>(&caller, "/ban-to-chuc/ket-qua") {
        return r;
    }
    let standings = match results::get_stage_results(&state, caller.0.as_ref()).await {
        Ok(s) => s,
        Err(e) => return errors::internal("building a download failed", &e),
    };
    let rows: Vec<Vec<String>> = standings
        .teams
        .into_iter()
        .map(|t| {
            vec![
                t.rank.to_string(),
                t.name,
                t.greeting,
                t.knowledge,
                t.sketch,
                t.penalties,
                t.total,
                prize(t.prize),
            ]
        })
        .collect();
    match file.as_str() {
        "san-khau.xlsx" => files::download(
            files::xlsx(&[files::Sheet {
                name: "Chung kết",
                header: &TEAMS,
                rows,
                widths: &[7.0, 40.0, 12.0, 12.0, 12.0, 10.0, 10.0, 18.0],
            }]),
            "ket-qua-chung-ket.xlsx",
        ),
        "san-khau.csv" => files::download(files::csv(&TEAMS, &rows), "ket-qua-chung-ket.csv"),
        _ => errors::page(StatusCode::NOT_FOUND, "Không tìm thấy."),
    }
}

/// Server-Sent Events: one message whenever any leaderboard changes (from the process's shared
/// watch of the board version).
pub async fn events(State(state): State<AppState>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut watch = state.board_watch.subscribe();
    watch.mark_unchanged();
    let stream = stream::unfold(watch, |mut watch| async move {
        watch.changed().await.ok()?;
        let v = *watch.borrow_and_update();
        Some((Ok(Event::default().event("message").data(v.to_string())), watch))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
