//! Item statistics of the question bank, for reviewing questions once attempts exist.

use super::OrganizerNav;
use crate::{components::outcome::outcome, error::AppError};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

const TITLE: &str = "Thống kê câu hỏi";
const INTRO: &str = "Tỷ lệ đúng: phần trăm lượt trả lời đúng. Độ phân biệt: tỷ lệ đúng của nhóm 27% bài điểm cao nhất trừ tỷ lệ đúng của nhóm 27% bài điểm thấp nhất (càng cao càng tốt). Câu hỏi bị đánh dấu khi nhóm điểm cao trả lời đúng dưới một nửa hoặc độ phân biệt âm: nên kiểm tra lại đáp án và cách hỏi.";
const EMPTY: &str = "Chưa có bài thi nào đã nộp.";
const CODE: &str = "Mã";
const QUESTION: &str = "Câu hỏi";
const ANSWERED: &str = "Số lượt";
const CORRECT: &str = "Tỷ lệ đúng";
const DISCRIMINATION: &str = "Độ phân biệt";
const UPPER: &str = "Nhóm cao đúng";
const REVIEW: &str = "Cần xem lại";
const LOADING: &str = "Đang tính…";

/// One question's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    pub code: String,
    pub text: String,
    pub answered: usize,
    pub difficulty: f64,
    pub discrimination: f64,
    pub upper_correct: f64,
    pub flagged: bool,
}

#[server(endpoint = "organizer/question-stats")]
pub async fn question_stats() -> Result<Vec<ItemRow>, AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let stats = store::questions::item_stats(&db).await.map_err(store_error)?;
    let mut rows = Vec::with_capacity(stats.len());
    for (code, s) in stats {
        let text = store::questions::get(&db, &code)
            .await
            .map_err(store_error)?
            .map(|q| q.question.text)
            .unwrap_or_default();
        rows.push(ItemRow {
            code,
            text,
            answered: s.answered,
            difficulty: s.difficulty,
            discrimination: s.discrimination,
            upper_correct: s.upper_correct,
            flagged: s.flagged,
        });
    }
    rows.sort_by(|a, b| {
        b.flagged
            .cmp(&a.flagged)
            .then(a.discrimination.total_cmp(&b.discrimination))
            .then(a.code.cmp(&b.code))
    });
    Ok(rows)
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

#[component]
pub fn ItemStatsPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| question_stats());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="item-stats-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <p class="muted">{INTRO}</p>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move {
                    outcome(rows.await, |rows| {
                        if rows.is_empty() {
                            return view! { <p class="muted">{EMPTY}</p> }.into_any();
                        }
                        view! {
                            <div class="table-wrap"><table class="table">
                                <thead><tr>
                                    <th>{CODE}</th><th>{QUESTION}</th><th class="num">{ANSWERED}</th><th class="num">{CORRECT}</th>
                                    <th class="num">{DISCRIMINATION}</th><th class="num">{UPPER}</th><th></th>
                                </tr></thead>
                                <tbody>{rows.into_iter().map(|r| view! {
                                    <tr data-testid="item-row" class:flagged=r.flagged>
                                        <td><a href=format!("/ban-to-chuc/cau-hoi/{}", r.code)><code>{r.code.clone()}</code></a></td>
                                        <td>{r.text}</td>
                                        <td class="num">{r.answered}</td>
                                        <td class="num">{percent(r.difficulty)}</td>
                                        <td class="num">{format!("{:+.2}", r.discrimination)}</td>
                                        <td class="num">{percent(r.upper_correct)}</td>
                                        <td>{r.flagged.then_some(view! { <span class="badge" data-testid="flag">{REVIEW}</span> })}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table></div>
                        }.into_any()
                    })
                })}
            </Suspense>
        </section>
    }
}
