//! The phone page of the audience: vote for one team, answer the host's audience questions.
//! No account: the phone's cookie tells phones apart. Both forms work without JavaScript.

use super::api::{Answer, PhoneView, Vote, get_phone};
use crate::components::{
    forms::ActionError,
    live_events::{countdown, subscribe},
    outcome::outcome,
};
use domain::time::format_countdown;
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Khán giả bình chọn";

#[component]
pub fn AudiencePage() -> impl IntoView {
    let vote = ServerAction::<Vote>::new();
    let answer = ServerAction::<Answer>::new();
    let changes = RwSignal::new(0u64);
    let data = crate::data::page_data(
        move || (changes.get(), vote.version().get(), answer.version().get()),
        |_| get_phone(),
    );
    Effect::new(move |_| {
        subscribe("/su-kien/khan-gia/dien-thoai".into(), move || changes.update(|c| *c += 1))
    });
    view! {
        <Title text=TITLE/>
        <section class="panel narrow audience-phone" data-testid="audience-phone">
            <h1>{TITLE}</h1>
            <p class="muted">"Vòng chung kết Hội thi tuyên truyền, cổ động về cải cách hành chính"</p>
            <ActionError value=vote.value()/>
            <ActionError value=answer.value()/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { outcome(data.await, move |v| phone(v, vote, answer, changes)) })}
            </Transition>
        </section>
    }
}

fn phone(
    v: PhoneView,
    vote: ServerAction<Vote>,
    answer: ServerAction<Answer>,
    changes: RwSignal<u64>,
) -> impl IntoView {
    view! {
        {v.my_code.clone().map(|c| view! {
            <p class="notice notice-ok">"Mã điện thoại của bạn: " <strong data-testid="my-code">{c}</strong>
                " · giữ mã này để nhận thưởng nếu trúng."</p>
        })}
        <h2>"Bình chọn đội thi được yêu thích nhất"</h2>
        {match (v.my_vote.clone(), v.vote_open) {
            (Some(team), _) => view! {
                <p class="lead" data-testid="my-vote">{format!("Bạn đã bình chọn cho {team}. Cảm ơn bạn!")}</p>
            }.into_any(),
            (None, false) => view! {
                <p class="muted" data-testid="vote-closed">"Bình chọn chưa mở hoặc đã kết thúc. Trang tự cập nhật khi Ban tổ chức mở bình chọn."</p>
            }.into_any(),
            (None, true) => view! {
                <ActionForm action=vote attr:class="form vote-form">
                    <fieldset class="vote-teams">
                        <legend>"Chọn một đội (mỗi điện thoại một lần):"</legend>
                        {v.teams.iter().map(|(id, name)| view! {
                            <label class="vote-team"><input type="radio" name="team_id" value=*id required/><span>{name.clone()}</span></label>
                        }).collect_view()}
                    </fieldset>
                    {v.tickets_required.then(|| view! {
                        <label><span>"Mã bình chọn in trên vé"</span>
                            <input type="text" name="ticket" required autocomplete="off" autocapitalize="characters" maxlength="12" placeholder="ví dụ K7PQ-2M4X" data-testid="vote-ticket"/></label>
                    })}
                    <button type="submit" class="btn btn-primary btn-lg" data-testid="vote-submit">"Gửi bình chọn"</button>
                </ActionForm>
            }.into_any(),
        }}
        {v.question.map(|q| {
            let open = q.remaining_ms > 0;
            let left = countdown(q.remaining_ms, open);
            let id = q.id;
            let (mine, correct) = (q.my_answer, q.correct);
            // When the time is up, fetch again to show the answer (the server decides when).
            let fetched = StoredValue::new(false);
            Effect::new(move |_| {
                if open && left.get() == 0 && !fetched.get_value() {
                    fetched.set_value(true);
                    set_timeout(move || changes.update(|c| *c += 1), std::time::Duration::from_millis(700));
                }
            });
            view! {
                <h2>"Câu hỏi dành cho khán giả"</h2>
                <p class="device-clock" data-testid="audience-clock">{move || if open { format_countdown(left.get()) } else { "Hết giờ".to_owned() }}</p>
                <p class="quiz-text" data-testid="audience-question">{q.text.clone()}</p>
                <div class="device-options">
                    {q.options.into_iter().enumerate().map(move |(i, o)| {
                        let chosen = mine == Some(i);
                        let right = correct == Some(i);
                        let wrong = chosen && correct.is_some() && !right;
                        view! {
                            <ActionForm action=answer attr:class="device-option">
                                <input type="hidden" name="question_id" value=id/>
                                <input type="hidden" name="option" value=i/>
                                // The server's clock decides: the button is enabled while it says the
                                // question is open and this phone has not answered.
                                <button type="submit" class="btn btn-lg" class:chosen=chosen class:right=right class:wrong=wrong
                                    disabled=!open || mine.is_some() data-testid=format!("audience-answer-{i}")>
                                    <span class="quiz-letter">{domain::question::letter(i).to_string()}</span>{o}
                                </button>
                            </ActionForm>
                        }
                    }).collect_view()}
                </div>
                {(q.won == Some(true)).then(|| view! {
                    <p class="notice notice-ok lead" data-testid="audience-won">"Bạn TRÚNG THƯỞNG! Đưa màn hình này cho Ban tổ chức để nhận quà."</p>
                })}
                <p class="notice" data-testid="audience-verdict">{match (mine, correct) {
                    (Some(a), Some(c)) if a == c => "Bạn trả lời ĐÚNG. Chờ Ban tổ chức bốc thăm trao thưởng.".to_owned(),
                    (Some(_), Some(_)) => "Bạn trả lời chưa đúng.".to_owned(),
                    (Some(a), None) => format!("Bạn đã chọn {}. Đáp án được công bố khi hết giờ.", domain::question::letter(a)),
                    (None, Some(_)) => "Câu hỏi đã hết giờ.".to_owned(),
                    (None, None) => "Chọn một phương án; mỗi điện thoại trả lời một lần.".to_owned(),
                }}</p>
            }
        })}
    }
}
