//! The organizers' audience desk: open and close the vote, its settings and ticket codes, the
//! live tally, and the audience questions (add, open, see who answered right first, draw winners).

use super::api::{
    AddAudienceQuestion, CreateTickets, Desk, DeskQuestion, DrawAudienceWinners, OpenAudienceQuestion,
    SaveAudienceSettings, SetVoteOpen, get_desk,
};
use crate::{
    components::{
        charts::{Bar, BarChart},
        forms::{ActionError, ActionSuccess, ConfirmSubmit},
        live_events::refresh_every,
        outcome::outcome,
    },
    pages::organizer::OrganizerNav,
};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Khán giả: bình chọn và câu hỏi";

#[component]
pub fn AudienceDeskPage() -> impl IntoView {
    let toggle = ServerAction::<SetVoteOpen>::new();
    let settings = ServerAction::<SaveAudienceSettings>::new();
    let tickets = ServerAction::<CreateTickets>::new();
    let add = ServerAction::<AddAudienceQuestion>::new();
    let open = ServerAction::<OpenAudienceQuestion>::new();
    let draw = ServerAction::<DrawAudienceWinners>::new();
    let tick = refresh_every(std::time::Duration::from_secs(2));
    let desk = crate::data::page_data(
        move || {
            (
                tick.get(),
                toggle.version().get(),
                settings.version().get(),
                tickets.version().get(),
                add.version().get(),
                open.version().get() + draw.version().get(),
            )
        },
        |_| get_desk(),
    );
    let actions = Actions { toggle, settings, tickets, add, open, draw };
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="audience-desk">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <ActionError value=toggle.value()/>
            <ActionError value=settings.value()/>
            <ActionSuccess value=settings.value() message="Đã lưu cài đặt bình chọn."/>
            <ActionError value=tickets.value()/>
            <ActionError value=add.value()/>
            <ActionSuccess value=add.value() message="Đã thêm câu hỏi."/>
            <ActionError value=open.value()/>
            <ActionError value=draw.value()/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { outcome(desk.await, move |d| desk_view(d, actions)) })}
            </Transition>
        </section>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    toggle: ServerAction<SetVoteOpen>,
    settings: ServerAction<SaveAudienceSettings>,
    tickets: ServerAction<CreateTickets>,
    add: ServerAction<AddAudienceQuestion>,
    open: ServerAction<OpenAudienceQuestion>,
    draw: ServerAction<DrawAudienceWinners>,
}

fn desk_view(d: Desk, a: Actions) -> impl IntoView {
    let top = d.tally.teams.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    // The teams with votes, most first (the projector shows every team).
    let bars: Vec<Bar> = d
        .tally
        .teams
        .iter()
        .filter(|(_, n)| *n > 0)
        .take(12)
        .map(|(name, n)| Bar {
            label: name.clone(),
            share: f64::from(*n) / f64::from(top),
            value: n.to_string(),
        })
        .collect();
    let state = if d.open {
        "Đang mở bình chọn."
    } else if d.closed_once {
        "Đã đóng bình chọn: kết quả được dùng cho giải Khán giả bình chọn."
    } else {
        "Chưa mở bình chọn."
    };
    view! {
        <div class="actions">
            <a class="btn" href="/may-chieu/binh-chon" target="_blank" data-testid="vote-projector-link">"Mở màn hình máy chiếu"</a>
            <a class="btn" href="/binh-chon" target="_blank">"Trang bình chọn trên điện thoại"</a>
        </div>
        <h2>"Bình chọn đội được yêu thích"</h2>
        <p class=if d.open { "notice notice-ok" } else { "notice" } data-testid="vote-status">
            {format!("{state} Tổng số phiếu: {}.", d.tally.total)}
        </p>
        <ActionForm action=a.toggle attr:class="inline">
            <input type="hidden" name="open" value=(!d.open).to_string()/>
            {if d.open {
                view! { <button type="submit" class="btn btn-danger" data-testid="vote-close">"Đóng bình chọn"</button> }.into_any()
            } else {
                view! { <button type="submit" class="btn btn-primary" data-testid="vote-open">{if d.closed_once { "Mở lại bình chọn" } else { "Mở bình chọn" }}</button> }.into_any()
            }}
        </ActionForm>
        {if bars.is_empty() {
            view! { <p class="muted">"Chưa có phiếu bình chọn nào."</p> }.into_any()
        } else {
            view! { <BarChart bars=bars title="Số phiếu bình chọn (các đội nhiều phiếu nhất)".into()/> }.into_any()
        }}
        <h3>"Cài đặt"</h3>
        <ActionForm action=a.settings attr:class="form form-inline">
            <label class="check"><input type="checkbox" name="tickets_required" value="true" checked=d.tickets_required data-testid="tickets-required"/>
                <span>"Mỗi phiếu cần một mã in trên vé"</span></label>
            <label><span>"Số phiếu tối đa từ một địa chỉ mạng (khi không dùng vé)"</span>
                <input type="number" name="per_address" min="1" max="100000" value=d.per_address.to_string() data-testid="per-address"/></label>
            <button type="submit" class="btn">"Lưu cài đặt"</button>
        </ActionForm>
        <p class="muted">"Mỗi điện thoại bình chọn một lần (nhận biết bằng cookie). Phòng thi dùng chung Wi-Fi thì nhiều điện thoại có chung một địa chỉ mạng: đặt giới hạn đủ lớn, hoặc dùng vé có mã."</p>
        <h3>"Vé có mã bình chọn"</h3>
        <p data-testid="tickets-count">{format!("Đã tạo {} vé, đã dùng {}.", d.tickets, d.tickets_used)}</p>
        <ActionForm action=a.tickets attr:class="form form-inline">
            <label><span>"Tạo thêm (số vé)"</span><input type="number" name="count" min="1" max="5000" value="100" data-testid="tickets-new"/></label>
            <button type="submit" class="btn">"Tạo vé"</button>
            <a class="btn" href="/in/ve-binh-chon" data-testid="tickets-print">"In vé"</a>
        </ActionForm>
        <h2>"Câu hỏi dành cho khán giả"</h2>
        <ActionForm action=a.add attr:class="form form-inline">
            <label><span>"Mã câu hỏi trong ngân hàng (một đáp án đúng)"</span><input type="text" name="code" required placeholder="ví dụ tthc-004" data-testid="aq-code"/></label>
            <label><span>"Thời gian trả lời (giây)"</span><input type="number" name="seconds" min="5" max="600" value="30" data-testid="aq-seconds"/></label>
            <button type="submit" class="btn" data-testid="aq-add">"Thêm câu hỏi"</button>
        </ActionForm>
        {if d.questions.is_empty() {
            view! { <p class="muted">"Chưa có câu hỏi nào cho khán giả."</p> }.into_any()
        } else {
            view! { <ol class="aq-list">{d.questions.into_iter().map(|q| question(q, a)).collect_view()}</ol> }.into_any()
        }}
    }
}

fn question(q: DeskQuestion, a: Actions) -> impl IntoView {
    let key = q.correct.map(|c| domain::question::letter(c).to_string()).unwrap_or_default();
    let first: Vec<(String, String)> = q.first_right.iter().take(10).cloned().collect();
    view! {
        <li class="aq" data-testid="aq">
            <p><strong>{q.code.clone()}</strong>{format!(" · {} giây · ", q.seconds)}<span data-testid="aq-state">{q.state.clone()}</span></p>
            <p>{q.text.clone()}</p>
            <p class="muted">{format!("Đáp án: {key}. Số câu trả lời: {}, đúng: {}.", q.answers, q.right)}</p>
            {(q.state == "chưa mở").then(|| view! {
                <ActionForm action=a.open attr:class="inline">
                    <input type="hidden" name="id" value=q.id/>
                    <ConfirmSubmit label="Mở câu hỏi" question=format!("Mở câu hỏi {} cho khán giả? Đồng hồ {} giây bắt đầu chạy và không dừng lại được.", q.code, q.seconds) yes="Mở câu hỏi" testid="aq-open".into()/>
                </ActionForm>
            })}
            {(!first.is_empty()).then(|| view! {
                <p class="muted">"Trả lời đúng sớm nhất:"</p>
                <ol class="aq-first" data-testid="aq-first">{first.into_iter().map(|(code, after)| view! { <li><strong>{code}</strong>{format!(" · sau {after}")}</li> }).collect_view()}</ol>
            })}
            {match (q.seed, q.closed) {
                (Some(seed), _) => view! {
                    <p class="notice notice-ok" data-testid="aq-winners">{format!("Người trúng thưởng (mã điện thoại): {}. Hạt giống bốc thăm: {seed} (bốc lại với hạt giống này trên cùng danh sách trả lời đúng cho cùng kết quả).", q.winners.join(", "))}</p>
                }.into_any(),
                (None, true) if q.right > 0 => view! {
                    <ActionForm action=a.draw attr:class="form form-inline">
                        <input type="hidden" name="id" value=q.id/>
                        <label><span>"Số người trúng thưởng"</span><input type="number" name="count" min="1" max="100" value="3" data-testid="aq-draw-count"/></label>
                        <ConfirmSubmit label="Bốc thăm" question=format!("Bốc thăm ngẫu nhiên trong {} câu trả lời đúng? Kết quả được giữ nguyên, không bốc lại.", q.right) yes="Bốc thăm" testid="aq-draw".into()/>
                    </ActionForm>
                }.into_any(),
                _ => ().into_any(),
            }}
        </li>
    }
}
