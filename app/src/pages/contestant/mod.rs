//! The contestant's pages (thí sinh): rounds, the quiz, results.

pub mod api;
mod attempt;
mod result;

pub use attempt::AttemptPage;
pub use result::ResultPage;

use crate::components::{forms::PostForm, layout::UserResource, outcome::outcome};
use crate::pages::results::api::{MyStanding, get_my_standing};
use api::{RoundCard, StartAttempt, my_rounds};
use domain::{
    contest::round::Phase,
    time::{format_datetime, format_duration},
};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Trang thí sinh";
const ROUNDS: &str = "Vòng thi trực tuyến";
const EMPTY: &str = "Chưa có vòng thi trực tuyến nào. Vui lòng quay lại sau.";
const START: &str = "Bắt đầu làm bài";
const RESUME: &str = "Tiếp tục làm bài";
const NO_ATTEMPTS_LEFT: &str = "Bạn đã dùng hết lượt làm bài.";
const NOT_ALLOWED: &str = "Đơn vị của bạn không thuộc danh sách dự thi vòng này.";
const RULES: &str = "Thể lệ và cách xếp hạng";
const YOUR_ATTEMPTS: &str = "Các lần làm bài";
const SEE_RESULT: &str = "Xem kết quả";
const RUNNING: &str = "đang làm";
const LOADING: &str = "Đang tải…";
const MY_RESULTS: &str = "Kết quả đã công bố";

fn standing_view(s: MyStanding) -> impl IntoView {
    let mine = match s.rank {
        Some(rank) => format!("Bạn xếp hạng {rank}/{} với {} câu đúng.", s.people, s.score),
        None => "Bạn chưa có bài thi nào đã nộp trong vòng này.".to_owned(),
    };
    view! {
        <article class="card">
            <h3><a href=format!("/ket-qua/vong/{}", s.round_id)>{s.round}</a></h3>
            <p data-testid="my-rank">{mine}</p>
            {s.unit.map(|u| view! {
                <p data-testid="my-unit">{format!("{}: hạng {}/{} trong {}, tỷ lệ tham gia {}, điểm trung bình {}.", u.name, domain::results::units::rank_text(u.rank), s.unit_count, u.group.label_in_sentence(), u.rate, u.average)}</p>
            })}
        </article>
    }
}

#[component]
pub fn ContestantPage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let start = ServerAction::<StartAttempt>::new();
    let rounds = crate::data::page_data(move || start.version().get(), |_| my_rounds());
    let standing = crate::data::page_data(|| (), |_| get_my_standing());
    view! {
        <Title text=TITLE/>
        <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
            {move || Suspend::new(async move {
                let me = user.await.ok().flatten();
                outcome(rounds.await, move |rounds| view! {
                    <section class="panel" data-testid="dashboard-contestant">
                        <h1>{TITLE}</h1>
                        {me.map(|u| view! { <p class="lead">{u.full_name}{u.unit_name.map(|n| format!(" · {n}"))}</p> })}
                        <h2>{ROUNDS}</h2>
                        {if rounds.is_empty() {
                            view! { <p class="muted" data-testid="no-rounds">{EMPTY}</p> }.into_any()
                        } else {
                            view! { <div class="round-list">{rounds.into_iter().map(|r| round_card(r, start)).collect_view()}</div> }.into_any()
                        }}
                        <p><a href="/the-le">{RULES}</a></p>
                    </section>
                })
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                standing.await.ok().filter(|s| !s.is_empty()).map(|s| view! {
                    <section class="panel" data-testid="my-standing">
                        <h2>{MY_RESULTS}</h2>
                        {s.into_iter().map(standing_view).collect_view()}
                    </section>
                })
            })}
        </Suspense>
        <crate::components::forms::ActionError value=start.value()/>
    }
}

fn round_card(r: RoundCard, start: ServerAction<StartAttempt>) -> impl IntoView {
    let running = r.attempts.iter().find(|a| !a.finished).map(|a| a.id);
    let used = r.attempts.len() as u32;
    let when = match r.phase {
        Phase::Upcoming => format!("Mở lúc {}", format_datetime(r.opens_ms)),
        Phase::Open => format!("Đang mở, kết thúc lúc {}", format_datetime(r.closes_ms)),
        Phase::Closed => format!("Đã kết thúc lúc {}", format_datetime(r.closes_ms)),
    };
    let facts = format!(
        "{} câu hỏi · {} phút mỗi lần · đã làm {used}/{} lần",
        r.question_count,
        r.time_limit_secs / 60,
        r.attempts_allowed
    );
    let action = match (r.phase, r.allowed, running) {
        (Phase::Open, true, Some(id)) => view! {
            <a class="btn btn-primary btn-lg" href=format!("/thi-sinh/bai-thi/{id}") data-testid="resume-attempt">{RESUME}</a>
        }
        .into_any(),
        (Phase::Open, true, None) if used < r.attempts_allowed => view! {
            <PostForm action=start read=|f| StartAttempt { round_id: f.text("round_id").parse().unwrap_or_default() } class="inline">
                <input type="hidden" name="round_id" value=r.id/>
                <button type="submit" class="btn btn-primary btn-lg" data-testid="start-attempt">{START}</button>
            </PostForm>
        }
        .into_any(),
        (Phase::Open, true, None) => view! { <p class="muted">{NO_ATTEMPTS_LEFT}</p> }.into_any(),
        (_, false, _) => view! { <p class="muted">{NOT_ALLOWED}</p> }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <article class="card round-card" data-testid="round-card">
            <h3>{r.name}</h3>
            <p class="muted">{when}</p>
            <p>{facts}</p>
            {action}
            {(!r.attempts.is_empty()).then(|| view! {
                <h4>{YOUR_ATTEMPTS}</h4>
                <ul class="attempts">
                    {r.attempts.into_iter().map(|a| view! {
                        <li>
                            {format!("Lần {}: ", a.number)}
                            {if a.finished {
                                view! {
                                    <strong>{format!("{}/{} câu đúng", a.correct.unwrap_or(0), a.total)}</strong>
                                    {format!(" · {} ", format_duration(a.duration_ms.unwrap_or(0)))}
                                    <a href=format!("/thi-sinh/ket-qua/{}", a.id)>{SEE_RESULT}</a>
                                }.into_any()
                            } else {
                                view! { <em>{RUNNING}</em> }.into_any()
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
