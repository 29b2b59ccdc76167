use super::api::{ResultsHub, SavePrizes, get_results_hub};
use crate::{
    components::{
        forms::{ActionError, ActionSuccess},
        outcome::outcome,
    },
    pages::organizer::OrganizerNav,
};
use domain::{contest::round::Phase, results::prizes::PrizeCounts};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Kết quả và giải thưởng";
const ROUNDS: &str = "Vòng thi trực tuyến";
const STAGE: &str = "Vòng chung kết sân khấu";
const PROJECTOR: &str = "Mở màn hình máy chiếu";
const PRIZES: &str = "Số giải (nhất, nhì, ba, khuyến khích)";
const SAVE: &str = "Lưu số giải";
const SAVED: &str = "Đã lưu.";

fn counts(c: PrizeCounts) -> String {
    c.0.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

#[component]
pub fn ResultsHubPage() -> impl IntoView {
    let save = ServerAction::<SavePrizes>::new();
    let hub = crate::data::page_data(move || save.version().get(), |_| get_results_hub());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="results-hub">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <ActionError value=save.value()/>
            <ActionSuccess value=save.value() message=SAVED/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move { outcome(hub.await, move |h| hub_view(h, save)) })}
            </Suspense>
        </section>
    }
}

fn hub_view(h: ResultsHub, save: ServerAction<SavePrizes>) -> impl IntoView {
    view! {
        <p><a class="btn" href="/may-chieu" target="_blank">{PROJECTOR}</a></p>
        <h2>{ROUNDS}</h2>
        <ul class="link-list">
            {h.rounds.into_iter().map(|r| {
                let state = match (r.phase, r.published) {
                    (_, true) => "đã công bố",
                    (Phase::Closed, false) => "đã kết thúc, chưa công bố",
                    (Phase::Open, _) => "đang diễn ra",
                    (Phase::Upcoming, _) => "sắp mở",
                };
                view! { <li><a href=format!("/ket-qua/vong/{}", r.id) data-testid="results-round">{r.name}</a>{format!(" · {} người tham gia · {state}", r.participants)}</li> }
            }).collect_view()}
        </ul>
        <p><a href="/ket-qua/cac-vong" data-testid="all-rounds-link">"Tổng hợp các vòng trực tuyến theo đơn vị"</a></p>
        <h2>{STAGE}</h2>
        <p><a href="/ket-qua/san-khau">{STAGE}</a>{if h.stage_published { " · đã công bố" } else { " · chưa công bố" }}</p>
        <h2>{PRIZES}</h2>
        <ActionForm action=save attr:class="form form-inline">
            <label><span>"Mỗi vòng trực tuyến (cá nhân)"</span><input type="text" name="online" value=counts(h.prizes[0])/></label>
            <label><span>"Vòng chung kết (đội)"</span><input type="text" name="stage" value=counts(h.prizes[1]) data-testid="stage-prizes"/></label>
            <label class="check"><input type="checkbox" name="stage_rest" value="true" checked=h.stage_rest_encouraged data-testid="stage-rest"/><span>"Vòng chung kết: giải Khuyến khích cho tất cả các đội còn lại (không dùng số khuyến khích ở trên)"</span></label>
            <label><span>"Giải Tiểu phẩm xuất sắc nhất (0 là không trao)"</span><input type="number" min="0" max="100" name="best_sketch" value=h.side.best_sketch.to_string() data-testid="best-sketch"/></label>
            <label><span>"Giải Chào hỏi ấn tượng nhất (0 là không trao)"</span><input type="number" min="0" max="100" name="best_greeting" value=h.side.best_greeting.to_string() data-testid="best-greeting"/></label>
            <label><span>"Giải Khán giả bình chọn (0 là không trao)"</span><input type="number" min="0" max="100" name="audience" value=h.side.audience.to_string() data-testid="audience-prize"/></label>
            <label><span>"Giải tập thể mỗi khối"</span><input type="text" name="collective" value=counts(h.prizes[2])/></label>
            <label><span>"Tỷ lệ tham gia tối thiểu để xét giải tập thể"</span><input type="text" name="collective_min_rate" inputmode="decimal" value=h.collective_min_rate.clone() data-testid="collective-min-rate"/></label>
            <button type="submit" class="btn btn-primary">{SAVE}</button>
        </ActionForm>
    }
}
