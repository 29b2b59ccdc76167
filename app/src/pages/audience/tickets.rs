//! Ticket codes for the audience vote, printed on A4 (24 to a sheet, cut along the lines).

use super::api::get_tickets;
use crate::components::outcome::outcome;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TicketsPage() -> impl IntoView {
    let tickets = crate::data::page_data(|| (), |_| get_tickets());
    view! {
        <Title text="Vé bình chọn"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { outcome(tickets.await, |all| {
                let unused: Vec<String> = all.iter().filter(|(_, used)| !used).map(|(c, _)| c.clone()).collect();
                view! {
                    <div class="certificate-bar">
                        <a class="btn" href="/ban-to-chuc/khan-gia">"← Quay lại"</a>
                        <span data-testid="tickets-unused">{format!("{} vé chưa dùng", unused.len())}</span>
                        {(!unused.is_empty()).then(|| view! { <button type="button" class="btn btn-primary" on:click=|_| crate::pages::results::print()>"In vé"</button> })}
                        {unused.is_empty().then(|| view! { <p class="notice">"Chưa có vé chưa dùng: tạo vé ở trang Khán giả."</p> })}
                    </div>
                    <div class="tickets">{unused.into_iter().map(|code| view! {
                        <div class="ticket" data-testid="ticket">
                            <p class="ticket-title">"PHIẾU BÌNH CHỌN CỦA KHÁN GIẢ"</p>
                            <p class="ticket-code">{format!("{}-{}", &code[..4], &code[4..])}</p>
                            <p class="ticket-how">"Quét mã QR trên màn hình, chọn đội và nhập mã này. Mỗi mã dùng một lần."</p>
                        </div>
                    }).collect_view()}</div>
                }
            }) })}
        </Suspense>
    }
}
