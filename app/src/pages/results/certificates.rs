//! Certificates (giấy chứng nhận) for a confirmed prize list: A4 landscape, one per page, printed
//! as a batch or one by one (`?so=3`).

use super::api::{Certificate, Certificates, get_certificates};
use crate::components::outcome::outcome;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const CONTEST: &str = "HỘI THI TUYÊN TRUYỀN, CỔ ĐỘNG VỀ CẢI CÁCH HÀNH CHÍNH TỈNH BÌNH ĐỊNH NĂM 2017";

#[component]
pub fn CertificatesPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let scope = move || {
        params.with(|p| match p.get("id") {
            Some(id) => format!("round:{id}"),
            None => "stage".to_owned(),
        })
    };
    let only = move || query.with(|q| q.get("so").and_then(|n| n.parse::<usize>().ok()));
    let certificates = crate::data::page_data(scope, get_certificates);
    view! {
        <Title text="Giấy chứng nhận"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let only = only();
                let base = match params.with(|p| p.get("id")) {
                    Some(id) => format!("/in/giay-chung-nhan/vong/{id}"),
                    None => "/in/giay-chung-nhan/san-khau".to_owned(),
                };
                outcome(certificates.await, move |c| batch(c, only, base.clone()))
            })}
        </Suspense>
    }
}

fn batch(c: Certificates, only: Option<usize>, base: String) -> impl IntoView {
    let total = c.items.len();
    let chosen: Vec<(usize, Certificate)> = c
        .items
        .into_iter()
        .enumerate()
        .map(|(i, x)| (i + 1, x))
        .filter(|(n, _)| only.is_none_or(|o| o == *n))
        .collect();
    let heading = match (only, chosen.is_empty()) {
        (Some(n), false) => format!("Giấy chứng nhận số {n} trên {total}"),
        (Some(_), true) => "Không có giấy chứng nhận số này.".to_owned(),
        (None, _) => format!("{total} giấy chứng nhận"),
    };
    let issued_on = c.issued_on.clone();
    view! {
        <div class="certificate-bar" data-testid="certificate-bar">
            <a class="btn" href=c.back.clone()>"← Quay lại kết quả"</a>
            {only.is_some().then(|| view! { <a class="btn" href=base.clone()>"Tất cả giấy chứng nhận"</a> })}
            <span data-testid="certificate-count">{heading}</span>
            {c.blocker.clone().map(|b| view! { <p class="notice" data-testid="certificate-blocker">{b}</p> })}
            {(!chosen.is_empty()).then(|| view! {
                <button type="button" class="btn btn-primary" on:click=|_| print() data-testid="print-certificates">
                    {if only.is_some() { "In giấy này" } else { "In tất cả" }}
                </button>
                <span class="muted">"Khổ A4 nằm ngang. Muốn có tệp PDF: chọn “Lưu dưới dạng PDF” trong hộp thoại in."</span>
            })}
        </div>
        {chosen.into_iter().map(|(n, x)| {
            let single = format!("{base}?so={n}");
            view! {
                <article class="certificate" data-testid="certificate">
                    <div class="cert-frame">
                        <p class="cert-motto"><strong>"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</strong><br/><strong class="cert-underline">"Độc lập – Tự do – Hạnh phúc"</strong></p>
                        <p class="cert-issuer">"ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"<br/>"BAN TỔ CHỨC HỘI THI"</p>
                        <h1 class="cert-title">"GIẤY CHỨNG NHẬN"</h1>
                        <p class="cert-recipient" data-testid="certificate-recipient">{x.recipient}</p>
                        {(!x.detail.is_empty()).then(|| view! { <p class="cert-detail">{x.detail}</p> })}
                        <p class="cert-line">"Đã đạt"</p>
                        <p class="cert-prize" data-testid="certificate-prize">{x.prize.to_uppercase()}</p>
                        <p class="cert-event">{x.event}</p>
                        <p class="cert-contest">{CONTEST}</p>
                        <div class="cert-foot">
                            <p class="cert-number">{format!("Số: {n:02}/GCN-BTC")}</p>
                            <div class="cert-sign"><em>{issued_on.clone()}</em><br/><strong>"TM. BAN TỔ CHỨC"</strong><br/><strong>"TRƯỞNG BAN"</strong></div>
                        </div>
                    </div>
                    {only.is_none().then(|| view! { <a class="cert-single" href=single data-testid="certificate-single">"In riêng giấy này"</a> })}
                </article>
            }
        }).collect_view()}
    }
}

/// Opens the browser's print dialog (the page's print styles lay the certificates out).
pub fn print() {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().print();
    }
}
