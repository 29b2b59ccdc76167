//! Organizers' live-round pages: the list with the setup form, and the host's controls.

use super::{
    api::{CreateLiveRound, LiveCommand, LiveView, VoidQuestion, host_view, live_rounds, live_topics},
    letter, phase_label,
};
use crate::{
    components::{
        forms::{ActionError, ConfirmSubmit},
        live_events::{countdown, subscribe},
        outcome::outcome,
    },
    pages::{organizer::OrganizerNav, stage::api::get_stage_overview},
};
use domain::{live::Phase, time::format_countdown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const TITLE: &str = "Phần thi kiến thức trực tiếp";

#[component]
pub fn LiveListPage() -> impl IntoView {
    let create = ServerAction::<CreateLiveRound>::new();
    let rounds = crate::data::page_data(|| (), |_| live_rounds());
    let teams = crate::data::page_data(|| (), |_| get_stage_overview());
    let topics = crate::data::page_data(|| (), |_| live_topics());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="live-list">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    outcome(rounds.await, |rows| view! {
                        <ul class="link-list">{rows.into_iter().map(|r| view! {
                            <li><a href=format!("/ban-to-chuc/truc-tiep/{}", r.id) data-testid="live-row">{r.name}</a>
                                {format!(" · {} câu · {} đội · {}", r.questions, r.teams, phase_label(r.phase))}</li>
                        }).collect_view()}</ul>
                    })
                })}
            </Suspense>
            <h2>"Tạo phần thi trực tiếp"</h2>
            <ActionError value=create.value()/>
            <ActionForm action=create attr:class="form" attr:data-testid="live-form">
                <label><span>"Tên"</span><input type="text" name="name" value="Phần 2. Kiến thức – trắc nghiệm"/></label>
                <div class="form-inline">
                    <label><span>"Rút ngẫu nhiên (số câu)"</span><input type="number" name="draw" min="1" max="50" value="10"/></label>
                    <label><span>"Chủ đề"</span>
                        <select name="topic">
                            <option value="">"Bất kỳ"</option>
                            <Suspense fallback=|| ()>
                                {move || Suspend::new(async move {
                                    topics.await.unwrap_or_default().into_iter().map(|(slug, name)| view! { <option value=slug>{name}</option> }).collect_view()
                                })}
                            </Suspense>
                        </select>
                    </label>
                    <label><span>"Mức độ"</span>
                        <select name="difficulty">
                            <option value="">"Bất kỳ"</option>
                            {domain::Difficulty::ALL.map(|d| view! { <option value=d.as_str()>{d.label()}</option> }).into_iter().collect_view()}
                        </select>
                    </label>
                    <label><span>"Căn cứ ban hành đến ngày"</span><input type="text" name="as_of" value=domain::contest::draw::DEFAULT_AS_OF.to_string() placeholder="ngày/tháng/năm" inputmode="numeric" title="Chỉ rút câu hỏi có căn cứ pháp lý ban hành (và có hiệu lực) đến ngày này; để trống: không giới hạn." data-testid="live-as-of"/></label>
                    <label><span>"hoặc mã câu hỏi (cách nhau bởi dấu phẩy)"</span><input type="text" name="codes" data-testid="live-codes"/></label>
                </div>
                <div class="form-inline">
                    <label><span>"Giây mỗi câu"</span><input type="number" name="question_secs" min="5" max="600" value="30" data-testid="live-secs"/></label>
                    <label><span>"Điểm mỗi câu đúng"</span><input type="text" name="points" value="2"/></label>
                    <label><span>"Điểm thưởng tốc độ (0: tắt)"</span><input type="text" name="speed_bonus" value="0"/></label>
                </div>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        teams.await.ok().map(|o| view! {
                            <p class="muted">"Đội chơi (không chọn: tất cả các đội có tài khoản thiết bị)"</p>
                            <div class="unit-checks">{o.teams.into_iter().map(|t| view! {
                                <label class="check"><input type="checkbox" name=format!("teams[{}]", t.id) value="on"/><span>{t.name}</span></label>
                            }).collect_view()}</div>
                        })
                    })}
                </Suspense>
                <button type="submit" class="btn btn-primary" data-testid="create-live">"Tạo"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn LiveHostPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let command = ServerAction::<LiveCommand>::new();
    let void = ServerAction::<VoidQuestion>::new();
    let changes = RwSignal::new(0u64);
    let view_data = crate::data::page_data(
        move || (id(), changes.get(), command.version().get(), void.version().get()),
        |(id, ..)| host_view(id),
    );
    Effect::new(move |_| {
        subscribe(format!("/su-kien/truc-tiep/{}", id()), move || changes.update(|c| *c += 1))
    });
    view! {
        <Title text="Điều khiển phần thi trực tiếp"/>
        <section class="panel" data-testid="live-host">
            <OrganizerNav/>
            <ActionError value=command.value()/>
            <ActionError value=void.value()/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { outcome(view_data.await, move |v| host(v, command, void)) })}
            </Transition>
        </section>
    }
}

fn host(v: LiveView, command: ServerAction<LiveCommand>, void: ServerAction<VoidQuestion>) -> impl IntoView {
    let left = countdown(v.remaining_ms, v.phase == Phase::Open);
    let id = v.id;
    let button = move |label: &'static str, cmd: &'static str, primary: bool| {
        view! {
            <ActionForm action=command attr:class="inline">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="command" value=cmd/>
                <button type="submit" class="btn" class:btn-primary=primary data-testid=format!("cmd-{cmd}")>{label}</button>
            </ActionForm>
        }
    };
    let controls = match v.phase {
        Phase::Lobby => view! { {button("Hiện câu hỏi đầu tiên", "next", true)} {button("Bảng điểm", "scoreboard", false)} }.into_any(),
        Phase::Showing => button("Bắt đầu tính giờ", "start", true).into_any(),
        Phase::Open => view! { {button("Tạm dừng", "pause", false)} {button("Khóa trả lời", "lock", true)} }.into_any(),
        Phase::Paused => view! { {button("Tiếp tục", "resume", true)} {button("Khóa trả lời", "lock", false)} }.into_any(),
        Phase::Locked => button("Công bố đáp án", "reveal", true).into_any(),
        Phase::Revealed | Phase::Scoreboard => view! {
            {(v.index + 1 < v.questions).then(|| button("Câu tiếp theo", "next", true))}
            {button("Bảng điểm", "scoreboard", false)}
            <ActionForm action=command attr:class="inline">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="command" value="end"/>
                <ConfirmSubmit
                    label="Kết thúc phần thi"
                    question=format!("Kết thúc phần thi sau câu {}/{}? Không thể hiện thêm câu hỏi; điểm chuyển vào xếp hạng vòng chung kết.", v.index + 1, v.questions)
                    yes="Kết thúc phần thi"
                    testid="cmd-end".to_owned()
                    danger=true
                />
            </ActionForm>
        }
        .into_any(),
        Phase::Ended => view! { <p>"Phần thi đã kết thúc; điểm đã chuyển vào bảng xếp hạng vòng chung kết."</p> }.into_any(),
    };
    let revealed = v.phase.reveals();
    view! {
        <h1>{v.name.clone()}</h1>
        <p class="lead" data-testid="host-phase">{format!("{} · câu {}/{} · {}/{} đội đã trả lời", phase_label(v.phase), v.index + 1, v.questions, v.answered, v.teams)}</p>
        <p><a href=format!("/may-chieu/truc-tiep/{id}") target="_blank">"Mở màn hình máy chiếu"</a></p>
        <div class="host-grid">
            <div>
                {v.text.clone().map(|t| view! { <p class="quiz-text">{t}</p> })}
                <ol class="live-options">{v.options.iter().enumerate().map(|(i, o)| {
                    let count = v.distribution.as_ref().and_then(|d| d.get(i)).copied().unwrap_or(0);
                    // The key shows in the list only once revealed: a host laptop mirrored to the
                    // hall screen must not give it away.
                    view! {
                        <li class:correct=revealed && v.correct == Some(i) data-testid=format!("host-option-{i}")><span class="quiz-letter">{letter(i)}</span>{o.clone()}<span class="muted">{format!(" · {count} đội")}</span></li>
                    }
                }).collect_view()}</ol>
                {(!revealed && v.text.is_some()).then(|| v.correct.map(|k| view! {
                    <details class="host-key" data-testid="host-key">
                        <summary class="btn btn-small">"Xem đáp án (chỉ trên máy này)"</summary>
                        <p data-testid="host-key-text">{format!("Đáp án đúng: {}. {}", letter(k), v.options.get(k).cloned().unwrap_or_default())}</p>
                    </details>
                }))}
            </div>
            <div class="host-clock"><strong class="big-clock" data-testid="host-clock">{move || format_countdown(left.get())}</strong></div>
        </div>
        <div class="actions">{controls}</div>
        {(v.index >= 0).then(|| view! {
            <details>
                <summary class="btn btn-small">"Hủy câu hỏi này (kèm lý do)"</summary>
                <ActionForm action=void attr:class="form form-inline">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="question" value=v.index/>
                    <label><span>"Lý do"</span><input type="text" name="reason" required/></label>
                    <label class="check"><input type="radio" name="action" value="void_correct" checked/><span>"Tính là trả lời đúng cho mọi đội"</span></label>
                    <label class="check"><input type="radio" name="action" value="void_removed"/><span>"Không tính điểm câu này cho đội nào"</span></label>
                    <button type="submit" class="btn btn-danger">"Hủy câu hỏi"</button>
                </ActionForm>
            </details>
        })}
        {(!v.voided.is_empty()).then(|| view! {
            <p class="muted">{v.voided.iter().map(|(q, r)| format!("Câu {} đã hủy: {r}", q + 1)).collect::<Vec<_>>().join(" · ")}</p>
        })}
        <h2>"Bảng điểm"</h2>
        <ol class="scoreboard">{v.scoreboard.into_iter().map(|r| view! { <li><span><b class="rank">{r.rank}</b>" "{r.name}</span><strong>{r.points}</strong></li> }).collect_view()}</ol>
    }
}
