//! HoiThi's user interface: pages, components and the server functions they call.
//!
//! Compiled twice: with `ssr` into the server (rendering pages, running server functions) and with
//! `hydrate` into WebAssembly (making the same pages interactive).

#![recursion_limit = "256"]

pub mod auth;
pub mod components;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod wire;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
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
        <Stylesheet id="leptos" href="/pkg/hoithi.css"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="description" content="Hội thi tuyên truyền, cổ động về cải cách hành chính tỉnh Bình Định"/>
        <Title formatter=|page: String| if page.is_empty() { "Hội thi CCHC".to_owned() } else { format!("{page} · Hội thi CCHC") }/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("/dang-nhap") view=LoginPage/>
                    <Route path=path!("/dang-ky") view=RegisterPage/>
                    <Route path=path!("/ban-to-chuc") view=organizer::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/don-vi") view=organizer::UnitsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/tai-khoan") view=organizer::AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/cau-hoi") view=organizer::QuestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/cau-hoi/thong-ke") view=organizer::ItemStatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/cau-hoi/:code") view=organizer::QuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/vong-thi") view=organizer::RoundsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/vong-thi/:id") view=organizer::RoundEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/nhap-danh-sach") view=organizer::RosterPage ssr=SsrMode::Async/>
                    <Route path=path!("/giam-khao") view=JudgePage ssr=SsrMode::Async/>
                    <Route path=path!("/giam-khao/phieu/:part/:team") view=SheetPage ssr=SsrMode::Async/>
                    <Route path=path!("/giam-khao/phan/:id") view=StagePartPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/san-khau") view=StagePage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/san-khau/phan/:id") view=StagePartPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/san-khau/nhat-ky") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/thu-ky") view=SecretaryPage ssr=SsrMode::Async/>
                    <Route path=path!("/thi-sinh") view=ContestantPage ssr=SsrMode::Async/>
                    <Route path=path!("/thi-sinh/bai-thi/:id") view=AttemptPage ssr=SsrMode::Async/>
                    <Route path=path!("/thi-sinh/ket-qua/:id") view=ResultPage ssr=SsrMode::Async/>
                    <Route path=path!("/the-le") view=RulesPage/>
                    <Route path=path!("/ban-to-chuc/ket-qua") view=ResultsHubPage ssr=SsrMode::Async/>
                    <Route path=path!("/ket-qua/vong/:id") view=RoundResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ket-qua/san-khau") view=StageResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ket-qua/cac-vong") view=AllRoundsPage ssr=SsrMode::Async/>
                    <Route path=path!("/in/vong/:id") view=PrintRoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/in/san-khau") view=PrintStagePage ssr=SsrMode::Async/>
                    <Route path=path!("/may-chieu") view=ProjectorPage/>
                    <Route path=path!("/may-chieu/truc-tiep/:id") view=LiveProjectorPage/>
                    <Route path=path!("/ban-to-chuc/truc-tiep") view=LiveListPage ssr=SsrMode::Async/>
                    <Route path=path!("/ban-to-chuc/truc-tiep/:id") view=LiveHostPage ssr=SsrMode::Async/>
                    <Route path=path!("/doi-thi") view=TeamPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
