//! Item statistics of the question bank, for reviewing questions once attempts exist.

use super::OrganizerNav;
pub use crate::wire::questions::*;
use crate::{components::outcome::outcome, error::AppError};
use domain::contest::items::{MIN_ANSWERS, MIN_GROUP_ANSWERS};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Thống kê câu hỏi";
const INTRO: &str = "Tỷ lệ đúng: phần trăm lượt trả lời đúng. Độ phân biệt: tỷ lệ đúng của nhóm 27% bài điểm cao nhất trừ tỷ lệ đúng của nhóm 27% bài điểm thấp nhất (càng cao càng tốt). Câu hỏi bị đánh dấu khi nhóm điểm cao trả lời đúng dưới một nửa hoặc độ phân biệt âm: nên kiểm tra lại đáp án và cách hỏi.";
const SAMPLE: &str = "Số liệu chỉ đủ tin cậy để đánh dấu khi câu hỏi có từ {n} lượt trả lời trở lên và mỗi nhóm (cao, thấp) có từ {g} lượt; câu ít lượt hơn ghi “chưa đủ mẫu”.";
const TOO_FEW: &str = "chưa đủ mẫu";
const EMPTY: &str = "Chưa có bài thi nào đã nộp.";
const CODE: &str = "Mã";
const QUESTION: &str = "Câu hỏi";
const ANSWERED: &str = "Số lượt";
const CORRECT: &str = "Tỷ lệ đúng";
const DISCRIMINATION: &str = "Độ phân biệt";
const UPPER: &str = "Nhóm cao đúng";
const REVIEW: &str = "Cần xem lại";
const LOADING: &str = "Đang tính…";

#[server(endpoint = "organizer/question-stats")]
pub async fn question_stats() -> Result<Vec<ItemRow>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::questions::question_stats(&state()?, &me).await.map_err(fail)
}

fn percent(x: f64) -> String {
    format!("{}%", domain::text::format_decimal(x * 100.0, 0, false))
}

#[component]
pub fn ItemStatsPage() -> impl IntoView {
    let rows = crate::data::page_data(|| (), |_| question_stats());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="item-stats-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <p class="muted">{INTRO}</p>
            <p class="muted" data-testid="sample-rule">{SAMPLE.replace("{n}", &MIN_ANSWERS.to_string()).replace("{g}", &MIN_GROUP_ANSWERS.to_string())}</p>
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
                                        <td class="num">{r.answered}<small class="muted" title="Nhóm cao / nhóm thấp">{format!(" ({}/{})", r.upper_n, r.lower_n)}</small></td>
                                        <td class="num">{percent(r.difficulty)}</td>
                                        <td class="num" data-testid="discrimination">{if r.enough { domain::text::format_decimal(r.discrimination, 2, true) } else { TOO_FEW.to_owned() }}</td>
                                        <td class="num">{if r.enough { percent(r.upper_correct) } else { "–".to_owned() }}</td>
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
