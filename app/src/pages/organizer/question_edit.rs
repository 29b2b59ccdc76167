//! The organizers' question editor: preview as contestants see it, edit (a new version), retire.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]
use super::OrganizerNav;
pub use crate::wire::questions::*;
use crate::{
    components::{
        forms::{ActionError, ActionSuccess},
        outcome::outcome,
    },
    error::AppError,
};
use domain::{Difficulty, Kind, question::letter};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const TITLE: &str = "Câu hỏi";
const BACK: &str = "‹ Danh sách câu hỏi";
const PREVIEW: &str = "Thí sinh sẽ thấy";
const PREVIEW_HINT_SINGLE: &str = "Chọn một phương án.";
const PREVIEW_HINT_MULTIPLE: &str = "Chọn tất cả các phương án đúng.";
const KEY: &str = "Đáp án và căn cứ";
const ANSWER: &str = "Đáp án";
const EXPLANATION: &str = "Giải thích";
const BASIS: &str = "Căn cứ pháp lý";
const EDIT: &str = "Sửa câu hỏi";
const UNSAVED: &str = "Xem trước bản đang sửa (chưa lưu).";
const EDIT_HINT: &str = "Lưu sẽ tạo phiên bản mới; các bài thi đã làm vẫn giữ nguyên phiên bản cũ.";
const TOPIC: &str = "Chủ đề";
const DIFFICULTY: &str = "Mức độ";
const KIND: &str = "Loại câu hỏi";
const TEXT: &str = "Nội dung câu hỏi";
const ANSWER_HINT: &str = "Đáp án (chữ cái, ví dụ B hoặc A, C)";
const DOCUMENT: &str = "Văn bản căn cứ (số, ký hiệu)";
const DATE: &str = "Ngày ban hành (ngày/tháng/năm)";
const ARTICLE: &str = "Điều, khoản (nếu có)";
const SAVE: &str = "Lưu phiên bản mới";
const SAVED: &str = "Đã lưu.";
const RETIRE: &str = "Loại khỏi ngân hàng (không rút vào đề nữa)";
const RESTORE: &str = "Đưa trở lại sử dụng";
const RETIRED: &str = "Câu hỏi này đã bị loại: không được rút vào đề thi.";
const STATUS_SAVED: &str = "Đã cập nhật trạng thái.";
const LOADING: &str = "Đang tải…";
const CORRECT: &str = "Chấm lại…";
const CORRECT_HINT: &str = "Khi câu hỏi đã có bài thi mà đáp án sai, có hai phương án đúng hoặc cần hủy.";
const IN_FORCE: &str = "Ngày có hiệu lực (nếu câu hỏi cần văn bản đã có hiệu lực)";
const FAMILY: &str = "Nhóm câu hỏi (các câu cùng kiểm tra một nội dung; mỗi đề chỉ rút một câu của nhóm)";

#[server(endpoint = "organizer/question")]
pub async fn get_question(code: String) -> Result<QuestionDetail, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::questions::get_question(&state()?, &me, code).await.map_err(fail)
}

/// Validates an edit with the bank's rules and saves it as a new version.
#[server(endpoint = "organizer/question/save")]
pub async fn save_question(
    code: String,
    topic: String,
    difficulty: String,
    kind: String,
    text: String,
    option_a: String,
    option_b: String,
    option_c: String,
    option_d: String,
    option_e: String,
    option_f: String,
    answer: String,
    explanation: String,
    basis_document: String,
    basis_date: String,
    basis_article: String,
    basis_in_force: Option<String>,
    family: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::questions::save_question(
        &state()?,
        &me,
        code,
        topic,
        difficulty,
        kind,
        text,
        option_a,
        option_b,
        option_c,
        option_d,
        option_e,
        option_f,
        answer,
        explanation,
        basis_document,
        basis_date,
        basis_article,
        basis_in_force,
        family,
    )
    .await
    .map_err(fail)
}

#[server(endpoint = "organizer/question/retire")]
pub async fn set_question_retired(code: String, retired: bool) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::questions::set_question_retired(&state()?, &me, code, retired).await.map_err(fail)
}

#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveQuestion>::new();
    let retire = ServerAction::<SetQuestionRetired>::new();
    let detail = crate::data::page_data(
        move || {
            (params.with(|p| p.get("code").unwrap_or_default()), save.version().get(), retire.version().get())
        },
        |(code, _, _)| get_question(code),
    );
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="question-page">
            <OrganizerNav/>
            <p><a href="/ban-to-chuc/cau-hoi">{BACK}</a></p>
            <ActionError value=save.value()/>
            <ActionSuccess value=save.value() message=SAVED/>
            <ActionError value=retire.value()/>
            <ActionSuccess value=retire.value() message=STATUS_SAVED/>
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(detail.await, move |d| detail_view(d, save, retire)) })}
            </Transition>
        </section>
    }
}

/// The edit in progress: the preview follows it as it is typed.
#[derive(Clone, Copy)]
struct Draft {
    text: RwSignal<String>,
    options: [RwSignal<String>; 6],
    kind: RwSignal<Kind>,
}

fn detail_view(
    d: QuestionDetail,
    save: ServerAction<SaveQuestion>,
    retire: ServerAction<SetQuestionRetired>,
) -> impl IntoView {
    let correct_letters = d.answer.clone();
    let form = d.clone();
    let draft = Draft {
        text: RwSignal::new(d.text.clone()),
        options: std::array::from_fn(|i| RwSignal::new(d.options.get(i).cloned().unwrap_or_default())),
        kind: RwSignal::new(d.kind),
    };
    let (saved_text, saved_options, saved_kind) = (d.text.clone(), d.options.clone(), d.kind);
    let edited = move || {
        draft.text.get() != saved_text
            || draft.kind.get() != saved_kind
            || draft
                .options
                .iter()
                .enumerate()
                .any(|(i, o)| o.get() != saved_options.get(i).cloned().unwrap_or_default())
    };
    view! {
        <h1><code>{d.code.clone()}</code>" · "{d.topic_name.clone()}</h1>
        <p class="muted">{format!("{} · {} · phiên bản {}", d.difficulty.label(), d.kind.label(), d.version)}</p>
        {d.retired.then_some(view! { <p class="notice notice-error" data-testid="retired-notice">{RETIRED}</p> })}
        <h2>{PREVIEW}</h2>
        <Show when=edited>
            <p class="notice" data-testid="preview-unsaved">{UNSAVED}</p>
        </Show>
        <div class="quiz-card preview" data-testid="question-preview">
            <p class="quiz-text" data-testid="preview-text">{move || draft.text.get()}</p>
            <p class="muted">{move || if draft.kind.get() == Kind::Multiple { PREVIEW_HINT_MULTIPLE } else { PREVIEW_HINT_SINGLE }}</p>
            <ul class="quiz-options">
                {draft.options.into_iter().enumerate().map(|(i, o)| view! {
                    <Show when=move || !o.get().trim().is_empty()>
                        <li><label class="quiz-option">
                            <input type=move || if draft.kind.get() == Kind::Multiple { "checkbox" } else { "radio" } name="preview" disabled/>
                            <span class="quiz-letter">{letter(i).to_string()}</span>
                            <span data-testid=format!("preview-option-{i}")>{move || o.get()}</span>
                        </label></li>
                    </Show>
                }).collect_view()}
            </ul>
        </div>
        <h2>{KEY}</h2>
        <dl class="facts">
            <dt>{ANSWER}</dt><dd data-testid="question-answer">{correct_letters}</dd>
            <dt>{EXPLANATION}</dt><dd>{d.explanation.clone()}</dd>
            <dt>{BASIS}</dt><dd>{d.basis.clone()}</dd>
        </dl>
        <p><a class="btn btn-small" href=format!("/ban-to-chuc/cau-hoi/{}/cham-lai", d.code) data-testid="correct-link">{CORRECT}</a>
            " "<span class="muted">{CORRECT_HINT}</span></p>
        <ActionForm action=retire attr:class="inline">
            <input type="hidden" name="code" value=d.code.clone()/>
            <input type="hidden" name="retired" value=(!d.retired).to_string()/>
            <button type="submit" class="btn btn-small" class:btn-danger=!d.retired data-testid="retire">{if d.retired { RESTORE } else { RETIRE }}</button>
        </ActionForm>
        <h2>{EDIT}</h2>
        <p class="muted">{EDIT_HINT}</p>
        {question_form(form, save, draft)}
    }
}

fn question_form(detail: QuestionDetail, action: ServerAction<SaveQuestion>, draft: Draft) -> impl IntoView {
    let options = detail.options.clone();
    let option = move |i: usize| options.get(i).cloned().unwrap_or_default();
    let names = ["option_a", "option_b", "option_c", "option_d", "option_e", "option_f"];
    view! {
        <ActionForm action=action attr:class="form" attr:data-testid="question-form">
            <input type="hidden" name="code" value=detail.code.clone()/>
            <div class="form-inline">
                <label>
                    <span>{TOPIC}</span>
                    <select name="topic">
                        {detail.topics.iter().map(|t| view! { <option value=t.slug.clone() selected=t.slug == detail.topic>{t.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{DIFFICULTY}</span>
                    <select name="difficulty">
                        {Difficulty::ALL.map(|d| view! { <option value=d.label() selected=d == detail.difficulty>{d.label()}</option> }).into_iter().collect_view()}
                    </select>
                </label>
                <label>
                    <span>{KIND}</span>
                    <select name="kind" on:change=move |ev| {
                        if let Some(k) = Kind::parse(&event_target_value(&ev)) {
                            draft.kind.set(k);
                        }
                    }>
                        {Kind::ALL.map(|k| view! { <option value=k.label() selected=k == detail.kind>{k.label()}</option> }).into_iter().collect_view()}
                    </select>
                </label>
            </div>
            <label><span>{TEXT}</span><textarea name="text" rows="3" required data-testid="edit-text" on:input=move |ev| draft.text.set(event_target_value(&ev))>{detail.text.clone()}</textarea></label>
            {names.iter().enumerate().map(|(i, name)| {
                let signal = draft.options[i];
                view! {
                    // Options can be long sentences: a box that wraps, not a one-line field.
                    <label><span>{format!("Phương án {}", letter(i))}</span>
                        <textarea name=*name rows="2" class="option-input" data-testid=format!("edit-option-{i}") on:input=move |ev| signal.set(event_target_value(&ev))>{option(i)}</textarea>
                    </label>
                }
            }).collect_view()}
            <label><span>{ANSWER_HINT}</span><input type="text" name="answer" required value=detail.answer.clone() data-testid="edit-answer"/></label>
            <label><span>{EXPLANATION}</span><textarea name="explanation" rows="2" required>{detail.explanation.clone()}</textarea></label>
            <div class="form-inline">
                <label><span>{DOCUMENT}</span><input type="text" name="basis_document" required value=detail.basis_document.clone()/></label>
                <label><span>{DATE}</span><input type="text" name="basis_date" required value=detail.basis_date.clone() inputmode="numeric"/></label>
                <label><span>{ARTICLE}</span><input type="text" name="basis_article" value=detail.basis_article.clone()/></label>
                <label><span>{IN_FORCE}</span><input type="text" name="basis_in_force" value=detail.basis_in_force.clone() inputmode="numeric" placeholder="dd/mm/yyyy"/></label>
            </div>
            <label><span>{FAMILY}</span><input type="text" name="family" value=detail.family.clone() data-testid="edit-family"/></label>
            <button type="submit" class="btn btn-primary" data-testid="save-question">{SAVE}</button>
        </ActionForm>
    }
}
