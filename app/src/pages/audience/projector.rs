//! The vote on the projector (1920×1080): the QR code and short address of the phone page, and
//! the tally as bars that follow the votes (fetched every 0.7 s, so within a second).

use super::api::{Tally, get_tally};
use crate::components::{live_events::refresh_every, outcome::outcome};
use domain::text::format_number;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AudienceProjectorPage() -> impl IntoView {
    let tick = refresh_every(std::time::Duration::from_millis(700));
    let data = crate::data::page_data(move || tick.get(), |_| get_tally());
    view! {
        <Title text="Máy chiếu · Khán giả bình chọn"/>
        <div class="projector audience-projector" data-testid="audience-projector">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { outcome(data.await, screen) })}
            </Transition>
        </div>
    }
}

fn screen(t: Tally) -> impl IntoView {
    let top = t.teams.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let wide = t.teams.len() > 12;
    let state = if t.open {
        "Đang mở bình chọn"
    } else if t.closed_once {
        "Đã đóng bình chọn"
    } else {
        "Bình chọn chưa mở"
    };
    view! {
        <header class="projector-head"><span class="brand-mark">"CCHC"</span><span>"Giải khán giả bình chọn"</span>
            <span class="phase" data-testid="vote-state" data-open=t.open.to_string()>{state}</span></header>
        <div class="vote-screen">
            <aside class="vote-join">
                <img class="vote-qr" src="/binh-chon/qr.svg" alt="Mã QR mở trang bình chọn" width="420" height="420"/>
                <p class="vote-how">"Quét mã QR hoặc mở"</p>
                <p class="vote-address" data-testid="vote-address">{t.address.clone()}</p>
                <p class="vote-total">"Tổng số phiếu: " <strong data-testid="vote-total">{format_number(i64::from(t.total))}</strong></p>
            </aside>
            <ol class="vote-bars" class:wide=wide data-testid="vote-bars">{t.teams.into_iter().map(|(name, n)| {
                let share = f64::from(n) / f64::from(top) * 100.0;
                view! {
                    <li data-testid="vote-bar">
                        <span class="who">{name}</span>
                        <svg class="track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect class="fill" width=format!("{:.1}", share.max(0.5)) height="10" rx="1"/>
                        </svg>
                        <b data-testid="vote-count">{n}</b>
                    </li>
                }
            }).collect_view()}</ol>
        </div>
    }
}
