//! The public home page: what the contest is, its rounds as the organizers set them, and the
//! results they have published.

pub use crate::wire::rounds::*;
use crate::{components::layout::UserResource, error::AppError};
use domain::{contest::round::Phase, time::format_datetime};
use leptos::prelude::*;
use leptos_meta::Title;

const KICKER: &str = "UBND tỉnh Bình Định · Quý III năm 2017";
const HEADLINE: &str = "Hội thi tuyên truyền, cổ động về cải cách hành chính";
const LEAD: &str = "Do Sở Nội vụ chủ trì, phối hợp với Liên đoàn Lao động tỉnh tổ chức, nhằm nâng cao nhận thức và trách nhiệm của cán bộ, công chức, viên chức và người lao động trong thực hiện cải cách hành chính.";
const ONLINE_TITLE: &str = "Vòng sơ khảo trực tuyến";
const ONLINE_BODY: &str = "Mỗi thí sinh làm bài trắc nghiệm trên máy tính hoặc điện thoại, câu hỏi rút ngẫu nhiên từ ngân hàng câu hỏi về pháp luật cải cách hành chính; lần làm bài tốt nhất được tính.";
const STAGE_TITLE: &str = "Vòng chung kết sân khấu";
const STAGE_BODY: &str = "Đội thi của các sở, ban, ngành và huyện, thị xã, thành phố tranh tài qua phần chào hỏi, kiến thức và tiểu phẩm trước Ban giám khảo.";
const UNITS_TITLE: &str = "Giải tập thể";
const UNITS_BODY: &str = "Đơn vị có tỷ lệ cán bộ tham gia cao được xét giải tập thể theo từng khối.";
const CTA_REGISTER: &str = "Đăng ký dự thi";
const CTA_SIGN_IN: &str = "Đăng nhập";
const CTA_DASHBOARD: &str = "Vào trang của tôi";
const SCHEDULE: &str = "Lịch thi và kết quả";
const NO_ROUNDS: &str = "Ban tổ chức chưa công bố lịch các vòng thi.";
const RULES: &str = "Thể lệ vòng thi trực tuyến";
const SEE_RESULTS: &str = "Xem kết quả";
const STAGE_RESULTS: &str = "Kết quả vòng chung kết";
const ALL_ROUNDS: &str = "Tổng hợp các vòng theo đơn vị";

/// The rounds (open ones first, then upcoming, then past) and the published results; public.
#[server(endpoint = "schedule")]
pub async fn get_schedule() -> Result<Schedule, AppError> {
    use crate::ssr::{fail, state};
    crate::service::rounds::get_schedule(&state()?).await.map_err(fail)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let schedule = crate::data::page_data(|| (), |_| get_schedule());
    view! {
        <Title text=""/>
        <section class="hero">
            <p class="kicker">{KICKER}</p>
            <h1>{HEADLINE}</h1>
            <p class="lead">{LEAD}</p>
            <div class="actions">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(u)) => view! {
                                <a class="btn btn-primary btn-lg" href=u.role.home_path()>{CTA_DASHBOARD}</a>
                            }.into_any(),
                            _ => view! {
                                <a class="btn btn-primary btn-lg" href="/dang-ky" data-testid="cta-register">{CTA_REGISTER}</a>
                                <a class="btn btn-lg" href="/dang-nhap">{CTA_SIGN_IN}</a>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </section>
        <section class="panel schedule" data-testid="schedule">
            <h2>{SCHEDULE}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match schedule.await {
                        Ok(s) => schedule_view(s).into_any(),
                        Err(e) => view! { <p class="muted">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <p><a href="/the-le">{RULES}</a></p>
        </section>
        <section class="cards">
            <article class="card"><h2>{ONLINE_TITLE}</h2><p>{ONLINE_BODY}</p></article>
            <article class="card"><h2>{STAGE_TITLE}</h2><p>{STAGE_BODY}</p></article>
            <article class="card"><h2>{UNITS_TITLE}</h2><p>{UNITS_BODY}</p></article>
        </section>
    }
}

fn schedule_view(s: Schedule) -> impl IntoView {
    let any_published = s.stage_published || s.rounds.iter().any(|r| r.published);
    view! {
        {s.rounds.is_empty().then(|| view! { <p class="muted">{NO_ROUNDS}</p> })}
        <ul class="schedule-list">
            {s.rounds.into_iter().map(round_item).collect_view()}
        </ul>
        {any_published.then(|| view! {
            <p class="actions">
                {s.stage_published.then(|| view! { <a class="btn" href="/ket-qua/san-khau">{STAGE_RESULTS}</a> })}
                <a class="btn" href="/ket-qua/cac-vong">{ALL_ROUNDS}</a>
            </p>
        })}
    }
}

fn round_item(r: PublicRound) -> impl IntoView {
    let (badge, class) = match r.phase {
        Phase::Open => ("Đang mở", "badge"),
        Phase::Upcoming => ("Sắp mở", "badge badge-muted"),
        Phase::Closed => ("Đã kết thúc", "badge badge-muted"),
    };
    let when = format!("Từ {} đến {}", format_datetime(r.opens_ms), format_datetime(r.closes_ms));
    let attempts = if r.attempts_allowed == 1 {
        "làm 1 lần".to_owned()
    } else {
        format!("tối đa {} lần, tính lần cao nhất", r.attempts_allowed)
    };
    let facts =
        format!("{} câu hỏi · {} phút mỗi lần · {attempts}", r.questions, r.time_limit_secs.div_ceil(60));
    view! {
        <li class="schedule-item" data-testid="schedule-round">
            <div>
                <span class=class>{badge}</span>
                <strong>{r.name}</strong>
            </div>
            <p class="muted">{when}</p>
            <p>{facts}</p>
            {r.published.then(|| view! { <a class="btn btn-small" href=format!("/ket-qua/vong/{}", r.id)>{SEE_RESULTS}</a> })}
        </li>
    }
}
