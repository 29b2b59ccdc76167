//! The result of an attempt, and its review when the round's policy allows.

use super::api::{ResultView, ReviewItem, get_result};
use crate::components::outcome::outcome;
use domain::{
    question::letter,
    text::format_number,
    time::{format_datetime, format_duration},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const TITLE: &str = "Kết quả bài thi";
const SCORE: &str = "Số câu trả lời đúng";
const DURATION: &str = "Thời gian làm bài";
const SUBMITTED: &str = "Nộp lúc";
const BY_DEADLINE: &str = "Hết giờ: bài được hệ thống tự động nộp với các câu trả lời đã lưu.";
const PREDICTION: &str = "Dự đoán số người tham gia";
const REVIEW: &str = "Đáp án và giải thích";
const YOUR_ANSWER: &str = "Bạn chọn";
const CORRECT: &str = "Đáp án đúng";
const NO_ANSWER: &str = "(chưa trả lời)";
const RIGHT: &str = "Đúng";
const WRONG: &str = "Sai";
const NOT_COUNTED: &str = "Không tính điểm";
const BASIS: &str = "Căn cứ";
const BACK: &str = "‹ Về trang thí sinh";
const LOADING: &str = "Đang tải…";

#[component]
pub fn ResultPage() -> impl IntoView {
    let params = use_params_map();
    let result = crate::data::page_data(
        move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0)),
        get_result,
    );
    view! {
        <Title text=TITLE/>
        <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
            {move || Suspend::new(async move { outcome(result.await, result_view) })}
        </Suspense>
    }
}

fn letters(indexes: &[usize]) -> String {
    if indexes.is_empty() {
        return NO_ANSWER.to_owned();
    }
    indexes.iter().map(|i| letter(*i).to_string()).collect::<Vec<_>>().join(", ")
}

fn result_view(r: ResultView) -> impl IntoView {
    view! {
        <section class="panel" data-testid="result-page">
            <p><a href="/thi-sinh">{BACK}</a></p>
            <h1>{TITLE}</h1>
            <p class="lead">{format!("{} · lần {}", r.round_name, r.number)}</p>
            <div class="stats">
                <div class="stat"><strong data-testid="score">{format!("{}/{}", r.correct, r.total)}</strong><span>{SCORE}</span></div>
                <div class="stat"><strong>{format_duration(r.duration_ms)}</strong><span>{DURATION}</span></div>
                <div class="stat stat-small"><strong>{format_datetime(r.submitted_ms)}</strong><span>{SUBMITTED}</span></div>
                {r.prediction.map(|p| view! { <div class="stat"><strong>{format_number(p)}</strong><span>{PREDICTION}</span></div> })}
            </div>
            {r.by_deadline.then_some(view! { <p class="notice">{BY_DEADLINE}</p> })}
            {(!r.review_note.is_empty()).then(|| view! { <p class="muted" data-testid="review-note">{r.review_note.clone()}</p> })}
            {r.review.map(|items| view! {
                <h2>{REVIEW}</h2>
                <div data-testid="review">{items.into_iter().map(review_item).collect_view()}</div>
            })}
        </section>
    }
}

fn review_item(item: ReviewItem) -> impl IntoView {
    let right = item.right;
    view! {
        <article class="quiz-card review-item" class:right=right>
            <p class="quiz-text">{format!("Câu {}. {}", item.position, item.text)}</p>
            <ul class="quiz-options">
                {item.options.iter().enumerate().map(|(i, o)| {
                    let is_correct = item.correct.contains(&i);
                    let was_chosen = item.chosen.contains(&i);
                    view! {
                        <li class="review-option" class:correct=is_correct class:chosen=was_chosen>
                            <span class="quiz-letter">{letter(i).to_string()}</span>
                            <span>{o.clone()}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {item.note.clone().map(|note| view! { <p class="notice" data-testid="review-correction">{note}</p> })}
            <p>
                <strong class=if right { "ok" } else { "bad" }>{if !item.counted { NOT_COUNTED } else if right { RIGHT } else { WRONG }}</strong>
                {format!(" · {YOUR_ANSWER}: {} · {CORRECT}: {}", letters(&item.chosen), letters(&item.correct))}
            </p>
            <p>{item.explanation}</p>
            <p class="muted small">{format!("{BASIS}: {}", item.basis)}</p>
        </article>
    }
}
