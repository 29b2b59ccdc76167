//! HoiThi's user interface: pages, components and the server functions they call.
//!
//! Compiled twice: with `ssr` into the server (rendering pages, running server functions) and with
//! `hydrate` into WebAssembly (making the same pages interactive).

#![recursion_limit = "256"]

pub mod auth;
pub mod components;
pub mod data;
pub mod error;
mod lazy;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod wire;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{Route, Router, Routes},
    path,
};
use pages::*;

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::page_headers();
    view! {
        <!DOCTYPE html>
        <html lang="vi">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                // Marks that scripts run before anything is painted, so what only a browser
                // without JavaScript needs is hidden from the start (no jump when the app starts).
                <script nonce=leptos::nonce::use_nonce() inner_html="document.documentElement.classList.add('js')"></script>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: routes and the common layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="description" content="Hội thi tuyên truyền, cổ động về cải cách hành chính tỉnh Bình Định"/>
        <Title formatter=|page: String| if page.is_empty() { "Hội thi CCHC".to_owned() } else { format!("{page} · Hội thi CCHC") }/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("/dang-nhap") view=LoginPage/>
                    <Route path=path!("/dang-ky") view={Lazy::<lazy::Register>::new()}/>
                    <Route path=path!("/ban-to-chuc") view={Lazy::<lazy::Dashboard>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/don-vi") view={Lazy::<lazy::Units>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/tai-khoan") view={Lazy::<lazy::Accounts>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/cau-hoi") view={Lazy::<lazy::Questions>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/cau-hoi/thong-ke") view={Lazy::<lazy::ItemStats>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/cau-hoi/:code") view={Lazy::<lazy::Question>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/cau-hoi/:code/cham-lai") view={Lazy::<lazy::Correction>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/vong-thi") view={Lazy::<lazy::Rounds>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/vong-thi/:id") view={Lazy::<lazy::RoundEdit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/nhap-danh-sach") view={Lazy::<lazy::Roster>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/giam-khao") view={Lazy::<lazy::Judge>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/giam-khao/phieu/:part/:team") view={Lazy::<lazy::Sheet>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/giam-khao/phan/:id") view={Lazy::<lazy::StagePart>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/san-khau") view={Lazy::<lazy::Stage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/san-khau/phan/:id") view={Lazy::<lazy::StagePart>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/san-khau/nhat-ky") view={Lazy::<lazy::Audit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/thu-ky") view={Lazy::<lazy::Secretary>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/thi-sinh") view=ContestantPage ssr=SsrMode::Async/>
                    <Route path=path!("/thi-sinh/bai-thi/:id") view=AttemptPage ssr=SsrMode::Async/>
                    <Route path=path!("/thi-sinh/ket-qua/:id") view=ResultPage ssr=SsrMode::Async/>
                    <Route path=path!("/the-le") view={Lazy::<lazy::Rules>::new()}/>
                    <Route path=path!("/ban-to-chuc/ket-qua") view={Lazy::<lazy::ResultsHub>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ket-qua/vong/:id") view={Lazy::<lazy::RoundResults>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ket-qua/san-khau") view={Lazy::<lazy::StageResults>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ket-qua/cac-vong") view={Lazy::<lazy::AllRounds>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/vong/:id") view={Lazy::<lazy::PrintRound>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/san-khau") view={Lazy::<lazy::PrintStage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/giay-chung-nhan/san-khau") view={Lazy::<lazy::Certificates>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/giay-chung-nhan/vong/:id") view={Lazy::<lazy::Certificates>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/may-chieu") view={Lazy::<lazy::Projector>::new()}/>
                    <Route path=path!("/binh-chon") view={Lazy::<lazy::Audience>::new()}/>
                    <Route path=path!("/may-chieu/binh-chon") view={Lazy::<lazy::AudienceProjector>::new()}/>
                    <Route path=path!("/ban-to-chuc/khan-gia") view={Lazy::<lazy::AudienceDesk>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/in/ve-binh-chon") view={Lazy::<lazy::Tickets>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/may-chieu/truc-tiep/:id") view={Lazy::<lazy::LiveProjector>::new()}/>
                    <Route path=path!("/ban-to-chuc/truc-tiep") view={Lazy::<lazy::LiveList>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/truc-tiep/:id") view={Lazy::<lazy::LiveHost>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/doi-thi") view={Lazy::<lazy::Team>::new()} ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
