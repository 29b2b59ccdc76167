//! A team's device: the current question, the time left, one answer (changeable until the timer
//! ends), and whether it was right once the host reveals the answer.

use super::{
    api::{LiveView, TeamAnswer, team_view},
    letter, phase_label,
};
use crate::components::{
    forms::ActionError,
    layout::UserResource,
    live_events::{countdown, subscribe},
    outcome::outcome,
};
use domain::{live::Phase, time::format_countdown};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Đội thi";
const WAITING: &str = "Chờ người dẫn chương trình đưa ra câu hỏi…";
const NO_ROUND: &str = "Chưa có phần thi trực tiếp nào cho đội của bạn.";

#[component]
pub fn TeamPage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let answer = ServerAction::<TeamAnswer>::new();
    let changes = RwSignal::new(0u64);
    let data = crate::data::page_data(move || (changes.get(), answer.version().get()), |_| team_view());
    Effect::new(move |_| subscribe("/su-kien/truc-tiep/tat-ca".into(), move || changes.update(|c| *c += 1)));
    view! {
        <Title text=TITLE/>
        <section class="panel narrow team-device" data-testid="dashboard-team">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    user.await.ok().flatten().map(|u| view! { <h1>{u.full_name}</h1> })
                })}
            </Suspense>
            <ActionError value=answer.value()/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    outcome(data.await, move |v| match v {
                        Some(v) => device(v, answer).into_any(),
                        None => view! { <p class="muted">{NO_ROUND}</p> }.into_any(),
                    })
                })}
            </Transition>
        </section>
    }
}

fn device(v: LiveView, answer: ServerAction<TeamAnswer>) -> impl IntoView {
    let open = v.phase == Phase::Open;
    let left = countdown(v.remaining_ms, open);
    let id = v.id;
    let revealed = v.phase.reveals();
    let (my_answer, correct, phase) = (v.my_answer, v.correct, v.phase);
    view! {
        <p class="muted" data-testid="device-phase" data-phase=v.phase.as_str() data-index=v.index>
            {format!("{} · câu {}/{}", phase_label(v.phase), v.index + 1, v.questions)}
        </p>
        {v.my_points.clone().map(|p| view! { <p class="lead">"Điểm của đội: " <strong data-testid="my-points">{p}</strong></p> })}
        {if v.text.is_none() || v.phase == Phase::Lobby {
            view! { <p class="lead">{WAITING}</p> }.into_any()
        } else {
            view! {
                <p class="device-clock" class:timer-low=move || open && left.get() < 5_000 data-testid="device-clock">
                    {move || if open || phase == Phase::Paused { format_countdown(left.get()) } else { String::new() }}
                </p>
                <p class="quiz-text" data-testid="device-question">{v.text.clone()}</p>
                <div class="device-options">
                    {v.options.into_iter().enumerate().map(move |(i, o)| {
                        let chosen = my_answer == Some(i);
                        let right = revealed && correct == Some(i);
                        let wrong = revealed && chosen && correct != Some(i);
                        view! {
                            <ActionForm action=answer attr:class="device-option">
                                <input type="hidden" name="id" value=id/>
                                <input type="hidden" name="option" value=i/>
                                // Enabled while the server says the question is open: the server's clock,
                                // not this device's, decides whether an answer is on time.
                                <button type="submit" class="btn btn-lg" class:chosen=chosen class:right=right class:wrong=wrong
                                    disabled=!open data-testid=format!("answer-{i}")>
                                    <span class="quiz-letter">{letter(i)}</span>{o}
                                </button>
                            </ActionForm>
                        }
                    }).collect_view()}
                </div>
                {revealed.then(|| {
                    let verdict = match (my_answer, correct) {
                        (Some(a), Some(c)) if a == c => "Đội trả lời ĐÚNG.",
                        (Some(_), _) => "Đội trả lời sai.",
                        (None, _) => "Đội không trả lời câu này.",
                    };
                    view! { <p class="notice" data-testid="verdict">{verdict}</p> }
                })}
            }.into_any()
        }}
    }
}
