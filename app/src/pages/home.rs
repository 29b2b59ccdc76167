use crate::components::layout::UserResource;
use leptos::prelude::*;
use leptos_meta::Title;

const KICKER: &str = "UBND tỉnh Bình Định · Quý III năm 2017";
const HEADLINE: &str = "Hội thi tuyên truyền, cổ động về cải cách hành chính";
const LEAD: &str = "Do Sở Nội vụ chủ trì, phối hợp với Liên đoàn Lao động tỉnh tổ chức, nhằm nâng cao nhận thức và trách nhiệm của cán bộ, công chức, viên chức và người lao động trong thực hiện cải cách hành chính.";
const ONLINE_TITLE: &str = "Vòng sơ khảo trực tuyến";
const ONLINE_BODY: &str = "Mỗi thí sinh làm bài trắc nghiệm 20 câu trong 15 phút, câu hỏi rút ngẫu nhiên từ ngân hàng về pháp luật cải cách hành chính. Được làm tối đa 3 lần, tính lần cao nhất.";
const STAGE_TITLE: &str = "Vòng chung kết sân khấu";
const STAGE_BODY: &str = "Đội thi của các sở, ban, ngành và huyện, thị xã, thành phố tranh tài qua phần chào hỏi, kiến thức và tiểu phẩm trước Ban giám khảo.";
const UNITS_TITLE: &str = "Giải tập thể";
const UNITS_BODY: &str = "Đơn vị có tỷ lệ cán bộ tham gia cao được xét giải tập thể theo từng khối.";
const CTA_REGISTER: &str = "Đăng ký dự thi";
const CTA_SIGN_IN: &str = "Đăng nhập";
const CTA_DASHBOARD: &str = "Vào trang của tôi";

#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
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
        <section class="cards">
            <article class="card"><h2>{ONLINE_TITLE}</h2><p>{ONLINE_BODY}</p></article>
            <article class="card"><h2>{STAGE_TITLE}</h2><p>{STAGE_BODY}</p></article>
            <article class="card"><h2>{UNITS_TITLE}</h2><p>{UNITS_BODY}</p></article>
        </section>
    }
}
