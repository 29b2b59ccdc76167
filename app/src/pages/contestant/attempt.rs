//! The quiz. Server-rendered as a plain form (works without JavaScript: "Lưu bài" and "Nộp bài"
//! post it); once hydrated, every choice is saved at once, the clock counts down from the server's
//! deadline, and the attempt is submitted when time runs out.

use super::api::{AttemptView, PaperQuestion, get_attempt, save_answer, save_prediction, submit_attempt};
use crate::{components::outcome::outcome, error::AppError};
use domain::{
    Kind,
    question::letter,
    time::{format_clock, format_countdown, format_datetime},
};
use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{
    components::Redirect,
    hooks::{use_navigate, use_params_map},
};
use std::time::Duration;

const TITLE: &str = "Bài thi";
const TIME_LEFT: &str = "Thời gian còn lại";
const DEADLINE: &str = "Hạn nộp";
const TIME_UP: &str = "Hết giờ làm bài. Bài của bạn đang được nộp với các câu trả lời đã lưu…";
const TIME_UP_DONE: &str = "Hết giờ làm bài. Bài của bạn đã được nộp với các câu trả lời đã lưu.";
const SEE_RESULT: &str = "Xem kết quả";
const NO_JS_SUBMIT: &str = "Tôi muốn nộp bài (sau khi nộp không sửa được)";
const QUESTION: &str = "Câu";
const CHOOSE_ONE: &str = "Chọn một phương án.";
const CHOOSE_MANY: &str = "Chọn tất cả các phương án đúng.";
const SAVING: &str = "Đang lưu…";
const RETRYING: &str = "Mất kết nối, đang thử lưu lại…";
const PREDICTION: &str = "Câu hỏi dự đoán";
const PREDICTION_TEXT: &str =
    "Theo bạn, khi vòng thi kết thúc sẽ có bao nhiêu người tham gia? (dùng để xếp hạng khi bằng điểm)";
const SAVE: &str = "Lưu bài";
const SUBMIT: &str = "Nộp bài";
const CONFIRM: &str = "Bạn chắc chắn muốn nộp bài? Sau khi nộp sẽ không sửa được.";
const CONFIRM_YES: &str = "Xác nhận nộp bài";
const CONFIRM_NO: &str = "Quay lại làm bài";
const SUBMITTING: &str = "Đang nộp bài…";
const NO_JS_HINT: &str = "Trình duyệt không chạy JavaScript: hãy bấm “Lưu bài” thường xuyên. Hết giờ, bài được nộp tự động với các câu trả lời đã lưu.";
const LOADING: &str = "Đang tải đề thi…";
const SAVED: &str = "Đã lưu";
/// Runs from the first paint until the app runs the page: the clock, saving choices, submitting.
const EARLY_JS: &str = include_str!("quiz_early.js");

#[component]
pub fn AttemptPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let attempt = crate::data::page_data(id, get_attempt);
    view! {
        <Title text=TITLE/>
        <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
            {move || Suspend::new(async move {
                match attempt.await {
                    // Finished (submitted, or time ran out): show the result instead.
                    Err(AppError::Conflict(_)) => view! { <Redirect path=format!("/thi-sinh/ket-qua/{}", id())/> }.into_any(),
                    other => outcome(other, quiz),
                }
            })}
        </Suspense>
    }
}

/// Where a question's answer is in saving.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Idle,
    Saving,
    Saved(i64),
    Retrying,
    Failed(String),
}

/// One question's client state. Copy, so event handlers and retries can hold it.
#[derive(Clone, Copy)]
struct Slot {
    attempt_id: i64,
    position: i32,
    chosen: RwSignal<Vec<usize>>,
    status: RwSignal<Status>,
    busy: RwSignal<bool>,
}

/// Saves the slot's current choice; while a save is in flight, newer choices wait and are sent
/// after it, in order, so the server always ends with the last choice made.
fn sync(slot: Slot) {
    if slot.busy.get_untracked() {
        return;
    }
    slot.busy.set(true);
    spawn_local(async move {
        loop {
            let want = slot.chosen.get_untracked();
            slot.status.set(Status::Saving);
            let encoded = want.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
            match save_answer(slot.attempt_id, slot.position, encoded).await {
                Ok(at) => slot.status.set(Status::Saved(at)),
                Err(AppError::Transport(_)) => {
                    slot.status.set(Status::Retrying);
                    slot.busy.set(false);
                    set_timeout(move || sync(slot), Duration::from_secs(2));
                    return;
                }
                Err(e) => {
                    slot.status.set(Status::Failed(e.to_string()));
                    break;
                }
            }
            if slot.chosen.get_untracked() == want {
                break;
            }
        }
        slot.busy.set(false);
    });
}

/// What the page did before the app ran it (see `quiz_early.js`): when it was first shown, the
/// choices made since, and a promise that settles once their saves are through.
#[derive(Default)]
struct Early {
    shown_at: Option<f64>,
    chosen: std::collections::HashMap<i32, Vec<usize>>,
    #[cfg(feature = "hydrate")]
    idle: Option<js_sys::Promise>,
}

/// Takes over what the page did before the app ran it, for this attempt only (once).
#[cfg(feature = "hydrate")]
fn take_early(attempt_id: i64) -> Early {
    use wasm_bindgen::{JsCast, JsValue};
    let global = js_sys::global();
    let key = JsValue::from_str("hoithiEarly");
    let Ok(early) = js_sys::Reflect::get(&global, &key) else { return Early::default() };
    if !early.is_object() {
        return Early::default();
    }
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    let get = |name: &str| js_sys::Reflect::get(&early, &JsValue::from_str(name)).ok();
    if get("attempt").and_then(|v| v.as_string()) != Some(attempt_id.to_string()) {
        return Early::default();
    }
    let mut chosen = std::collections::HashMap::new();
    if let Some(map) = get("chosen").and_then(|m| m.dyn_into::<js_sys::Object>().ok()) {
        for key in js_sys::Object::keys(&map).iter() {
            let Some(position) = key.as_string().and_then(|k| k.parse::<i32>().ok()) else { continue };
            let Some(list) =
                js_sys::Reflect::get(&map, &key).ok().and_then(|l| l.dyn_into::<js_sys::Array>().ok())
            else {
                continue;
            };
            chosen.insert(position, list.iter().filter_map(|v| v.as_f64()).map(|f| f as usize).collect());
        }
    }
    Early {
        shown_at: get("t0").and_then(|v| v.as_f64()),
        chosen,
        idle: get("idle").and_then(|v| v.dyn_into::<js_sys::Promise>().ok()),
    }
}

#[cfg(not(feature = "hydrate"))]
fn take_early(_attempt_id: i64) -> Early {
    Early::default()
}

fn quiz(v: AttemptView) -> impl IntoView {
    let attempt_id = v.id;
    let early = take_early(attempt_id);
    let shown_at = early.shown_at;
    #[cfg(not(feature = "hydrate"))]
    let _ = shown_at;
    let remaining = RwSignal::new(v.remaining_ms);
    let confirming = RwSignal::new(false);
    let submitting = RwSignal::new(false);
    let submit_error = RwSignal::new(None::<String>);
    let hydrated = RwSignal::new(false);
    let timed_out = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let slots: Vec<(Slot, PaperQuestion)> = v
        .questions
        .into_iter()
        .map(|mut q| {
            // A choice made before the app ran is the latest: its save is waited for, then
            // repeated (saves are idempotent), so the server ends with it whatever the order.
            let chosen_early = early.chosen.get(&q.position).cloned();
            let status = match &chosen_early {
                Some(_) => Status::Saving,
                None if q.chosen.is_empty() => Status::Idle,
                None => Status::Saved(0),
            };
            let busy = chosen_early.is_some();
            if let Some(chosen) = chosen_early {
                q.chosen = chosen;
            }
            let slot = Slot {
                attempt_id,
                position: q.position,
                chosen: RwSignal::new(q.chosen.clone()),
                status: RwSignal::new(status),
                busy: RwSignal::new(busy),
            };
            (slot, q)
        })
        .collect();
    let all: Vec<Slot> = slots.iter().map(|(s, _)| *s).collect();
    #[cfg(feature = "hydrate")]
    {
        let waiting: Vec<Slot> = all.iter().copied().filter(|s| s.busy.get_untracked()).collect();
        if !waiting.is_empty() {
            let idle = early.idle.clone();
            spawn_local(async move {
                if let Some(idle) = idle {
                    let _ = wasm_bindgen_futures::JsFuture::from(idle).await;
                }
                for slot in waiting {
                    slot.busy.set(false);
                    sync(slot);
                }
            });
        }
    }
    let total = all.len();
    let answered = move || all.iter().filter(|s| !s.chosen.get().is_empty()).count();
    let navigate = use_navigate();

    // Submits once every pending save is through (or after a few seconds regardless).
    let submit = StoredValue::new(std::sync::Arc::new(move || {
        if submitting.get_untracked() {
            return;
        }
        submitting.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match submit_attempt(attempt_id).await {
                // Out of time: the page says so and offers the result, rather than jumping to it.
                Ok(()) if timed_out.get_untracked() => submitted.set(true),
                Ok(()) => navigate(&format!("/thi-sinh/ket-qua/{attempt_id}"), Default::default()),
                Err(e) => {
                    submitting.set(false);
                    submit_error.set(Some(e.to_string()));
                }
            }
        });
    }) as std::sync::Arc<dyn Fn() + Send + Sync>);

    // The clock: counts down from the server's figure, measured on this device's clock from the
    // moment the page was first shown, and submits at zero.
    Effect::new(move |_| {
        hydrated.set(true);
        #[cfg(feature = "hydrate")]
        {
            // From here on the app saves choices; the page's early script stands down.
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("data-live", "1");
            }
            let loaded = shown_at.unwrap_or_else(js_sys::Date::now);
            let initial = remaining.get_untracked();
            if let Ok(handle) = set_interval_with_handle(
                move || {
                    let left = (initial as f64 - (js_sys::Date::now() - loaded)).max(0.0) as i64;
                    remaining.set(left);
                    if left == 0 {
                        timed_out.set(true);
                        (submit.get_value())();
                    }
                },
                Duration::from_millis(250),
            ) {
                on_cleanup(move || handle.clear());
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if confirming.get_untracked() {
            (submit.get_value())();
        } else {
            confirming.set(true);
        }
    };
    let clock = move || format_countdown(remaining.get());
    let low = move || remaining.get() < 60_000;

    view! {
        <section class="panel quiz" data-testid="attempt-page" data-attempt=attempt_id>
            <div class="quiz-head">
                <div>
                    <h1>{v.round_name.clone()}</h1>
                    <p class="muted">{format!("Lần làm bài thứ {}", v.number)}</p>
                </div>
                <div class="timer" class:timer-low=low role="timer" aria-live="off">
                    <span>{TIME_LEFT}</span>
                    <strong data-testid="time-left" data-clock="" data-remaining-ms=move || remaining.get()>{clock}</strong>
                    <small data-testid="deadline">{format!("{DEADLINE}: {}", format_datetime(v.deadline_ms))}</small>
                </div>
            </div>
            <p class="notice nojs-only">{NO_JS_HINT}</p>
            <Show when=move || timed_out.get()>
                <div class="notice notice-error time-up" role="alert" data-testid="time-up">
                    <p><strong>{move || if submitted.get() { TIME_UP_DONE } else { TIME_UP }}</strong></p>
                    <Show when=move || submitted.get()>
                        <a class="btn btn-primary" href=format!("/thi-sinh/ket-qua/{attempt_id}") data-testid="see-result">{SEE_RESULT}</a>
                    </Show>
                </div>
            </Show>
            <form
                method="post" action=format!("/thi-sinh/bai-thi/{attempt_id}") on:submit=on_submit data-testid="quiz-form"
                data-saving=SAVING data-saved=SAVED data-failed=RETRYING data-confirm=CONFIRM
            >
                {slots.into_iter().map(|(slot, q)| question_view(slot, q)).collect_view()}
                {v.prediction_enabled.then(|| prediction_view(attempt_id, v.prediction))}
                <div class="quiz-actions">
                    <p class="muted" data-testid="answered">
                        <strong class="bar-clock" class:timer-low=low data-clock="">{clock}</strong>
                        {move || format!(" · Đã trả lời {}/{total} câu.", answered())}
                    </p>
                    // Without JavaScript, "Nộp bài" needs this box ticked; "Lưu bài" skips the check.
                    // Hidden (not removed) once scripts run, so nothing moves when the app starts.
                    <label class="check nojs-only" id="nop-bai">
                        <input type="checkbox" name="confirm" value="yes" required=move || !hydrated.get() data-testid="nojs-confirm"/>
                        {NO_JS_SUBMIT}
                    </label>
                    <button type="submit" name="action" value="save" class="btn nojs-only" formnovalidate>{SAVE}</button>
                    <Show
                        when=move || confirming.get()
                        fallback=|| view! { <button type="submit" name="action" value="submit" class="btn btn-primary btn-lg" data-testid="submit-attempt">{SUBMIT}</button> }
                    >
                        <div class="confirm" role="alertdialog">
                            <p><strong>{CONFIRM}</strong></p>
                            <button type="submit" name="action" value="submit" class="btn btn-primary" data-testid="confirm-submit" disabled=move || submitting.get()>
                                {move || if submitting.get() { SUBMITTING } else { CONFIRM_YES }}
                            </button>
                            " "
                            <button type="button" class="btn" on:click=move |_| confirming.set(false)>{CONFIRM_NO}</button>
                        </div>
                    </Show>
                    {move || submit_error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                </div>
            </form>
            <script nonce=leptos::nonce::use_nonce() inner_html=EARLY_JS></script>
        </section>
    }
}

fn question_view(slot: Slot, q: PaperQuestion) -> impl IntoView {
    let multiple = q.kind == Kind::Multiple;
    let name = format!("q{}", q.position);
    let status = move || match slot.status.get() {
        Status::Idle => String::new(),
        Status::Saving => SAVING.to_owned(),
        Status::Saved(0) => SAVED.to_owned(),
        Status::Saved(at) => format!("Đã lưu lúc {}", format_clock(at)),
        Status::Retrying => RETRYING.to_owned(),
        Status::Failed(e) => e,
    };
    let failed = move || matches!(slot.status.get(), Status::Failed(_) | Status::Retrying);
    view! {
        <fieldset class="quiz-card" id=format!("cau-{}", q.position) data-testid="question" data-position=q.position>
            <legend class="quiz-number">{format!("{QUESTION} {}", q.position)}</legend>
            <input type="hidden" name="shown" value=q.position/>
            <p class="quiz-text">{q.text}</p>
            <p class="muted small">{if multiple { CHOOSE_MANY } else { CHOOSE_ONE }}</p>
            <ul class="quiz-options">
                {q.options.into_iter().enumerate().map(|(i, option)| {
                    let initially = q.chosen.contains(&i);
                    view! {
                        <li><label class="quiz-option">
                            <input
                                type=if multiple { "checkbox" } else { "radio" }
                                name=name.clone()
                                value=i
                                checked=initially
                                prop:checked=move || slot.chosen.get().contains(&i)
                                data-testid=format!("option-{}-{i}", q.position)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    slot.chosen.update(|c| {
                                        if multiple {
                                            c.retain(|x| *x != i);
                                            if on { c.push(i); c.sort_unstable(); }
                                        } else {
                                            *c = vec![i];
                                        }
                                    });
                                    sync(slot);
                                }
                            />
                            <span class="quiz-letter">{letter(i).to_string()}</span>
                            <span>{option}</span>
                        </label></li>
                    }
                }).collect_view()}
            </ul>
            <p class="save-status" class:error=failed data-testid=format!("save-status-{}", q.position)>{status}</p>
        </fieldset>
    }
}

fn prediction_view(attempt_id: i64, initial: Option<i64>) -> impl IntoView {
    let status = RwSignal::new(String::new());
    view! {
        <fieldset class="quiz-card">
            <legend class="quiz-number">{PREDICTION}</legend>
            <label class="form">
                <span>{PREDICTION_TEXT}</span>
                <input
                    type="number" name="prediction" min="0" max="10000000" inputmode="numeric"
                    value=initial.map(|p| p.to_string())
                    data-testid="prediction"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        status.set(SAVING.to_owned());
                        spawn_local(async move {
                            match save_prediction(attempt_id, value).await {
                                Ok(()) => status.set("Đã lưu dự đoán".to_owned()),
                                Err(e) => status.set(e.to_string()),
                            }
                        });
                    }
                />
            </label>
            <p class="save-status">{move || status.get()}</p>
        </fieldset>
    }
}
