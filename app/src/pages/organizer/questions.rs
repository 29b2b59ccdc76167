use super::OrganizerNav;
use crate::components::forms::FilePicker;
pub use crate::wire::questions::*;
use crate::{components::outcome::outcome, error::AppError};
use domain::{Difficulty, text::format_number};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const TITLE: &str = "Ngân hàng câu hỏi";
const SEARCH: &str = "Tìm (không cần gõ dấu)";
const TOPIC: &str = "Chủ đề";
const DIFFICULTY: &str = "Mức độ";
const STATUS: &str = "Trạng thái";
const ALL: &str = "Tất cả";
const ACTIVE: &str = "Đang dùng";
const RETIRED: &str = "Đã loại";
const FILTER: &str = "Lọc";
const CODE: &str = "Mã";
const QUESTION: &str = "Câu hỏi";
const KIND: &str = "Loại";
const VERSION: &str = "Phiên bản";
const EMPTY: &str = "Không có câu hỏi nào phù hợp.";
const EXCEL: &str = "Nhập, xuất Excel";
const EXPORT: &str = "Xuất toàn bộ ngân hàng (.xlsx)";
const TEMPLATE: &str = "Tệp mẫu:";
const UPLOAD: &str = "Tải lên và nhập";
const UPLOAD_HINT: &str = "Tệp .xlsx hoặc .csv theo mẫu. Dòng có mã câu hỏi đã có sẽ tạo phiên bản mới; nếu có dòng lỗi, không câu hỏi nào được nhập.";
const STATS: &str = "Thống kê câu hỏi (tỷ lệ đúng, độ phân biệt)";
const PREV: &str = "‹ Trang trước";
const NEXT: &str = "Trang sau ›";
const LOADING: &str = "Đang tải…";

#[server(endpoint = "organizer/questions")]
pub async fn list_questions(
    q: Option<String>,
    topic: Option<String>,
    difficulty: Option<String>,
    status: Option<String>,
    page: Option<u64>,
) -> Result<QuestionList, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    let session = crate::ssr::session().await?;
    crate::service::questions::list_questions(&state()?, &me, &session, q, topic, difficulty, status, page)
        .await
        .map_err(fail)
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let query = use_query_map();
    let list = crate::data::page_data(
        move || {
            query.with(|q| {
                (
                    q.get("q").filter(|s| !s.is_empty()),
                    q.get("topic"),
                    q.get("difficulty"),
                    q.get("status"),
                    q.get("page").and_then(|p| p.parse::<u64>().ok()),
                )
            })
        },
        |(q, topic, difficulty, status, page)| list_questions(q, topic, difficulty, status, page),
    );
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="questions-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(list.await, question_list) })}
            </Transition>
        </section>
    }
}

fn question_list(list: QuestionList) -> impl IntoView {
    let query = use_query_map();
    let current = move |key: &str| query.with_untracked(|q| q.get(key)).unwrap_or_default();
    let (topic, difficulty, status) = (current("topic"), current("difficulty"), current("status"));
    let pages = list.total.div_ceil(PER_PAGE).max(1);
    let summary = format!("{} câu hỏi", format_number(list.total as i64));
    let href = move |p: u64| {
        let mut q = query.get_untracked();
        q.replace("page", p.to_string());
        format!("?{}", q.to_query_string().trim_start_matches('?'))
    };
    let page = list.page;
    view! {
        <p><a href="/ban-to-chuc/cau-hoi/thong-ke" data-testid="item-stats-link">{STATS}</a></p>
        <details class="add-form" open=list.last_import.is_some()>
            <summary class="btn">{EXCEL}</summary>
            <p><a class="btn btn-small" href="/ban-to-chuc/cau-hoi/xuat.xlsx" download data-testid="export-xlsx">{EXPORT}</a></p>
            <p class="muted">{TEMPLATE}" "
                <a href="/ban-to-chuc/cau-hoi/mau.xlsx" download>"mau-cau-hoi.xlsx"</a>" · "
                <a href="/ban-to-chuc/cau-hoi/mau.csv" download>"mau-cau-hoi.csv"</a>
            </p>
            <p class="muted">{UPLOAD_HINT}</p>
            <form method="post" action="/ban-to-chuc/cau-hoi/nhap" enctype="multipart/form-data" class="form form-inline">
                <FilePicker testid="question-file"/>
                <button type="submit" class="btn btn-primary">{UPLOAD}</button>
            </form>
        </details>
        {list.last_import.map(import_outcome)}
        <form method="get" class="form form-inline filters" data-testid="question-filter">
            <label><span>{SEARCH}</span><input type="search" name="q" maxlength="100" value=current("q") data-testid="question-search"/></label>
            <label>
                <span>{TOPIC}</span>
                <select name="topic">
                    <option value="">{ALL}</option>
                    {list.topics.iter().map(|t| view! { <option value=t.slug.clone() selected=topic == t.slug>{t.name.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label>
                <span>{DIFFICULTY}</span>
                <select name="difficulty">
                    <option value="">{ALL}</option>
                    {Difficulty::ALL.map(|d| view! { <option value=d.as_str() selected=difficulty == d.as_str()>{d.label()}</option> }).into_iter().collect_view()}
                </select>
            </label>
            <label>
                <span>{STATUS}</span>
                <select name="status">
                    <option value="">{ALL}</option>
                    <option value="active" selected=status == "active">{ACTIVE}</option>
                    <option value="retired" selected=status == "retired">{RETIRED}</option>
                </select>
            </label>
            <button type="submit" class="btn" data-testid="question-filter-submit">{FILTER}</button>
        </form>
        <p class="muted" data-testid="question-summary">{summary}</p>
        {if list.rows.is_empty() {
            view! { <p class="muted">{EMPTY}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table">
                        <thead><tr><th>{CODE}</th><th>{QUESTION}</th><th>{TOPIC}</th><th>{DIFFICULTY}</th><th>{KIND}</th><th>{VERSION}</th></tr></thead>
                        <tbody>
                            {list.rows.into_iter().map(|r| view! {
                                <tr data-testid="question-row" class:retired=r.retired>
                                    <td><a href=format!("/ban-to-chuc/cau-hoi/{}", r.code)><code>{r.code.clone()}</code></a></td>
                                    <td>
                                        <a href=format!("/ban-to-chuc/cau-hoi/{}", r.code) data-testid="question-text">{r.text}</a>
                                        {r.retired.then_some(view! { " " <span class="badge badge-muted">{RETIRED}</span> })}
                                    </td>
                                    <td>{r.topic}</td>
                                    <td>{r.difficulty.label()}</td>
                                    <td>{r.kind.label()}</td>
                                    <td class="num">{r.version}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <nav class="pager">
            {(page > 0).then(|| view! { <a class="btn btn-small" href=href(page - 1)>{PREV}</a> })}
            <span>{format!("Trang {} / {}", page + 1, pages)}</span>
            {(page + 1 < pages).then(|| view! { <a class="btn btn-small" href=href(page + 1)>{NEXT}</a> })}
        </nav>
    }
}

fn import_outcome(outcome: QuestionImportOutcome) -> impl IntoView {
    match outcome {
        QuestionImportOutcome::Imported { file, created, updated, unchanged } => view! {
            <p class="notice notice-ok" data-testid="question-import-ok">
                {format!("Đã nhập tệp “{file}”: {created} câu hỏi mới, {updated} câu hỏi có phiên bản mới, {unchanged} câu hỏi không đổi.")}
            </p>
        }
        .into_any(),
        QuestionImportOutcome::Rejected { file, message, problems } => view! {
            <div class="notice notice-error" role="alert" data-testid="question-import-rejected">
                <p><strong>{format!("Tệp “{file}”: {message}")}</strong></p>
                <ul>{problems.into_iter().map(|(at, what)| view! { <li data-testid="import-problem">{format!("{at}: {what}")}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
    }
}
