//! Correcting a question that attempts already drew (chấm lại): choose the version and what to do,
//! see who would move, then apply it to every finished attempt at once.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]
use super::OrganizerNav;
pub use crate::wire::corrections::*;
use crate::{
    components::{
        forms::{ActionError, ConfirmSubmit},
        outcome::outcome,
    },
    error::AppError,
};
use domain::question::letter;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const TITLE: &str = "Chấm lại câu hỏi";
const INTRO: &str = "Dùng khi phát hiện câu hỏi sai đáp án, có phương án khác cũng đúng, hoặc căn cứ pháp lý đã thay đổi sau khi thí sinh đã làm bài. Mọi bài thi đã nộp có câu hỏi này được chấm lại cùng lúc; điểm, xếp hạng và đề xuất giải cập nhật ngay, bảng kết quả công bố thông báo chấm lại, thí sinh xem lại bài thấy đáp án đã sửa và lý do.";
const NOTHING: &str =
    "Chưa có bài thi nào đã nộp có câu hỏi này: hãy sửa trực tiếp câu hỏi (lưu thành phiên bản mới).";
const VERSION: &str = "Phiên bản câu hỏi";
const HOW: &str = "Cách chấm lại";
const LETTERS: &str = "Đáp án (chữ cái theo thứ tự trong ngân hàng, ví dụ B hoặc A, C)";
const LETTERS_HINT: &str = "Chỉ cần khi đổi đáp án hoặc chấp nhận thêm đáp án.";
const REASON: &str = "Lý do (công bố cho thí sinh và trên bảng kết quả)";
const PREVIEW: &str = "Xem trước thay đổi";
const APPLY: &str = "Áp dụng chấm lại";
const STALE: &str = "Bạn đã đổi lựa chọn sau khi xem trước: hãy xem trước lại trước khi áp dụng.";
const HISTORY: &str = "Các lần chấm lại câu hỏi này";
const BACK: &str = "‹ Câu hỏi";
const LOADING: &str = "Đang tải…";
const ACTIONS: [(&str, &str); 4] = [
    ("void_correct", "Hủy câu hỏi: tính là trả lời đúng cho mọi thí sinh có câu này"),
    ("void_removed", "Hủy câu hỏi: bỏ khỏi điểm của mọi bài thi có câu này (bài thi còn ít hơn một câu)"),
    ("accept", "Chấp nhận thêm đáp án (đáp án cũ vẫn được tính đúng)"),
    ("change_key", "Đổi đáp án (đáp án cũ không còn được tính; đề rút sau này dùng đáp án mới)"),
];

#[server(endpoint = "organizer/correction")]
pub async fn get_correction_form(code: String) -> Result<CorrectionForm, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::corrections::correction_form(&state()?, &me, code).await.map_err(fail)
}

/// What the correction would change now; changes nothing.
#[server(endpoint = "organizer/correction/preview")]
pub async fn preview_correction(
    code: String,
    version_id: String,
    action: String,
    letters: String,
    reason: String,
) -> Result<CorrectionPreview, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::corrections::preview_correction(&state()?, &me, code, version_id, action, letters, reason)
        .await
        .map_err(fail)
}

/// Applies the correction to every finished attempt that drew the version, in one transaction.
#[server(endpoint = "organizer/correction/apply")]
pub async fn apply_correction(
    code: String,
    version_id: String,
    action: String,
    letters: String,
    reason: String,
) -> Result<CorrectionPreview, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::corrections::apply_correction(&state()?, &me, code, version_id, action, letters, reason)
        .await
        .map_err(fail)
}

/// The organizer's choice as typed, shared by the preview and the apply forms.
#[derive(Clone, Copy)]
struct Choice {
    version: RwSignal<String>,
    action: RwSignal<String>,
    letters: RwSignal<String>,
    reason: RwSignal<String>,
    /// The choice the last preview was made for.
    previewed: RwSignal<Option<(String, String, String, String)>>,
}

impl Choice {
    fn now(&self) -> (String, String, String, String) {
        (self.version.get(), self.action.get(), self.letters.get(), self.reason.get())
    }
}

#[component]
pub fn CorrectionPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let preview = ServerAction::<PreviewCorrection>::new();
    let apply = ServerAction::<ApplyCorrection>::new();
    let form = crate::data::page_data(
        move || (code(), apply.version().get()),
        |(code, _)| get_correction_form(code),
    );
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="correction-page">
            <OrganizerNav/>
            <p><a href=move || format!("/ban-to-chuc/cau-hoi/{}", code())>{BACK}</a></p>
            <h1>{TITLE}" "<code>{code}</code></h1>
            <p class="muted">{INTRO}</p>
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(form.await, move |f| correction_view(f, preview, apply)) })}
            </Transition>
        </section>
    }
}

fn correction_view(
    f: CorrectionForm,
    preview: ServerAction<PreviewCorrection>,
    apply: ServerAction<ApplyCorrection>,
) -> impl IntoView {
    let first = f.versions.first().map(|v| v.id.to_string()).unwrap_or_default();
    let choice = Choice {
        version: RwSignal::new(first),
        action: RwSignal::new(ACTIONS[0].0.to_owned()),
        letters: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
        previewed: RwSignal::new(None),
    };
    let code = f.code.clone();
    let code_for_apply = f.code.clone();
    let history = f.history.clone();
    let form = if f.versions.is_empty() {
        view! { <p class="notice" data-testid="nothing-to-correct">{NOTHING}</p> }.into_any()
    } else {
        view! {
            <ActionForm action=preview attr:class="form" attr:data-testid="correction-form" on:submit=move |_| choice.previewed.set(Some(choice.now()))>
                <input type="hidden" name="code" value=code.clone()/>
                <fieldset>
                    <legend>{VERSION}</legend>
                    {f.versions.iter().enumerate().map(|(i, v)| {
                        let id = v.id.to_string();
                        let id_for_input = id.clone();
                        view! {
                            <label class="check version-choice">
                                <input type="radio" name="version_id" value=id.clone() checked=i == 0 on:change=move |_| choice.version.set(id_for_input.clone())/>
                                <span>
                                    <strong>{format!("Phiên bản {} · đáp án {} · {} bài thi", v.version, v.answer, v.attempts)}</strong>
                                    {v.corrected.clone().map(|c| view! { <em>{format!(" · đang áp dụng: {c}")}</em> })}
                                    <br/>{v.text.clone()}
                                    <ol class="option-list" type="A">
                                        {v.options.iter().enumerate().map(|(j, o)| view! { <li data-letter=letter(j).to_string()>{o.clone()}</li> }).collect_view()}
                                    </ol>
                                </span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{HOW}</legend>
                    {ACTIONS.map(|(value, label)| view! {
                        <label class="check">
                            <input type="radio" name="action" value=value checked=value == ACTIONS[0].0 data-testid=format!("action-{value}") on:change=move |_| choice.action.set(value.to_owned())/>
                            <span>{label}</span>
                        </label>
                    }).into_iter().collect_view()}
                </fieldset>
                <label><span>{LETTERS}</span>
                    <input type="text" name="letters" autocomplete="off" data-testid="correction-letters" on:input=move |ev| choice.letters.set(event_target_value(&ev))/>
                    <small class="muted">{LETTERS_HINT}</small>
                </label>
                <label><span>{REASON}</span>
                    <textarea name="reason" rows="3" required maxlength="1000" data-testid="correction-reason" on:input=move |ev| choice.reason.set(event_target_value(&ev))></textarea>
                </label>
                <button type="submit" class="btn" data-testid="correction-preview">{PREVIEW}</button>
            </ActionForm>
            <ActionError value=preview.value()/>
            <ActionError value=apply.value()/>
            {move || apply.value().get().and_then(Result::ok).map(|done| view! {
                <p class="notice notice-ok" role="status" data-testid="correction-applied">
                    {format!("Đã chấm lại {} bài thi ({}): {} kết quả thay đổi.", done.attempts, done.label, done.changes.len())}
                </p>
            })}
            {move || preview.value().get().and_then(Result::ok).filter(|_| apply.value().get().is_none_or(|r| r.is_err())).map(|p| {
                let stale = move || choice.previewed.get() != Some(choice.now());
                let question = format!(
                    "Chấm lại {} bài thi: {}? Điểm, xếp hạng và đề xuất giải thay đổi ngay cho mọi người; lần chấm lại được ghi vào nhật ký và công bố kèm kết quả.",
                    p.attempts, p.label
                );
                let code = code_for_apply.clone();
                view! {
                    <section class="preview" data-testid="correction-preview-result">
                        <h2>{format!("Xem trước: {}", p.label)}</h2>
                        <p>{if p.attempts == 0 {
                            "Chưa có bài thi đã nộp có phiên bản này; bài đang làm sẽ được chấm theo cách này khi nộp.".to_owned()
                        } else {
                            format!("{} bài thi đã nộp có phiên bản này được chấm lại ngay ({}); bài đang làm được chấm theo cách này khi nộp.", p.attempts, p.rounds.join(", "))
                        }}</p>
                        {changes_table(p.changes.clone())}
                        <Show when=stale fallback=move || {
                            let code = code.clone();
                            let question = question.clone();
                            view! {
                                <ActionForm action=apply attr:class="inline" attr:data-testid="correction-apply-form">
                                    <input type="hidden" name="code" value=code/>
                                    <input type="hidden" name="version_id" prop:value=move || choice.version.get()/>
                                    <input type="hidden" name="action" prop:value=move || choice.action.get()/>
                                    <input type="hidden" name="letters" prop:value=move || choice.letters.get()/>
                                    <input type="hidden" name="reason" prop:value=move || choice.reason.get()/>
                                    <ConfirmSubmit label=APPLY question=question yes=APPLY testid="correction-apply".to_owned() danger=true/>
                                </ActionForm>
                            }
                        }>
                            <p class="notice" data-testid="correction-stale">{STALE}</p>
                        </Show>
                    </section>
                }
            })}
        }
        .into_any()
    };
    view! {
        {form}
        <h2>{HISTORY}</h2>
        {if history.is_empty() {
            view! { <p class="muted">"Chưa chấm lại lần nào."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap"><table class="table" data-testid="correction-history">
                    <thead><tr><th>"Thời điểm"</th><th>"Phiên bản"</th><th>"Nội dung"</th><th>"Lý do"</th><th>"Người thực hiện"</th><th class="num">"Bài thi"</th><th class="num">"Kết quả thay đổi"</th></tr></thead>
                    <tbody>{history.into_iter().map(|h| view! {
                        <tr data-testid="correction-history-row"><td>{domain::time::format_datetime(h.at_ms)}</td><td class="num">{h.version}</td><td>{h.label}</td><td>{h.reason}</td><td>{h.by}</td><td class="num">{h.attempts}</td><td class="num">{h.moved}</td></tr>
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any()
        }}
    }
}

fn changes_table(changes: Vec<ChangeRow>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="muted" data-testid="correction-no-change">"Không kết quả nào thay đổi (điểm, hạng và giải giữ nguyên)."</p> }.into_any();
    }
    view! {
        <div class="table-wrap"><table class="table" data-testid="correction-changes">
            <thead><tr><th>"Vòng thi"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th class="num">"Điểm trước"</th><th class="num">"Điểm sau"</th><th class="num">"Hạng trước"</th><th class="num">"Hạng sau"</th><th>"Giải trước"</th><th>"Giải sau"</th></tr></thead>
            <tbody>{changes.into_iter().map(|c| {
                let moved = c.prize_before != c.prize_after;
                view! {
                <tr data-testid="correction-change" class:prize-moved=moved>
                    <td>{c.round}</td><td>{c.name}</td><td>{c.unit}</td><td class="num">{c.before}</td><td class="num">{c.after}</td>
                    <td class="num">{c.rank_before}</td><td class="num">{c.rank_after}</td><td>{c.prize_before}</td><td>{c.prize_after}</td>
                </tr>
            }}).collect_view()}</tbody>
        </table></div>
    }
    .into_any()
}
