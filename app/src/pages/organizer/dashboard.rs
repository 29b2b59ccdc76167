use super::OrganizerNav;
pub use crate::wire::accounts::*;
use crate::{components::outcome::outcome, error::AppError};
use domain::text::format_number;
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Ban tổ chức";
const UNITS: &str = "Đơn vị";
const HEADCOUNT: &str = "Tổng biên chế";
const ACCOUNTS: &str = "Tài khoản theo vai trò";
const LOADING: &str = "Đang tải…";

#[server(endpoint = "organizer/overview")]
pub async fn organizer_overview() -> Result<Overview, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::accounts::organizer_overview(&state()?, &me).await.map_err(fail)
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let overview = crate::data::page_data(|| (), |_| organizer_overview());
    view! {
        <Title text=TITLE/>
        <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
            {move || Suspend::new(async move {
                outcome(overview.await, |o| view! {
                    <section class="panel" data-testid="dashboard-organizer">
                        <h1>{TITLE}</h1>
                        <OrganizerNav/>
                        <div class="stats">
                            <div class="stat"><strong>{o.units}</strong><span>{UNITS}</span></div>
                            <div class="stat"><strong>{format_number(o.headcount)}</strong><span>{HEADCOUNT}</span></div>
                        </div>
                        <h2>{ACCOUNTS}</h2>
                        <div class="stats">
                            {o.accounts.into_iter().map(|(role, n)| view! {
                                <div class="stat"><strong>{format_number(n as i64)}</strong><span>{role.label()}</span></div>
                            }).collect_view()}
                        </div>
                    </section>
                })
            })}
        </Suspense>
    }
}
