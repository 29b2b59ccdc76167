use super::api::audit_log;
use crate::{components::outcome::outcome, pages::organizer::OrganizerNav};
use domain::time::format_datetime;
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Nhật ký thay đổi điểm";
const EXPORT: &str = "Tải về (.csv)";
const EMPTY: &str = "Chưa có thay đổi nào.";

#[component]
pub fn AuditPage() -> impl IntoView {
    let log = crate::data::page_data(|| (), |_| audit_log());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="audit-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <p><a class="btn btn-small" href="/ban-to-chuc/san-khau/nhat-ky.csv" download>{EXPORT}</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    outcome(log.await, |rows| {
                        if rows.is_empty() {
                            return view! { <p class="muted">{EMPTY}</p> }.into_any();
                        }
                        view! {
                            <div class="table-wrap"><table class="table">
                                <thead><tr><th>"Thời điểm"</th><th>"Người thực hiện"</th><th>"Phần thi"</th><th>"Đội"</th><th>"Giám khảo"</th><th>"Thao tác"</th><th>"Tiêu chí"</th><th>"Cũ"</th><th>"Mới"</th><th>"Lý do"</th></tr></thead>
                                <tbody>{rows.into_iter().map(|r| view! {
                                    <tr data-testid="audit-row">
                                        <td>{format_datetime(r.at_ms)}</td><td>{r.by}</td><td>{r.part}</td><td>{r.team}</td><td>{r.judge}</td>
                                        <td>{r.action}</td><td>{r.field}</td><td>{r.old}</td><td>{r.new}</td><td>{r.reason}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table></div>
                        }.into_any()
                    })
                })}
            </Suspense>
        </section>
    }
}
