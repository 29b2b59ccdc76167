use super::OrganizerNav;
use crate::{components::outcome::outcome, error::AppError};
use domain::{Role, text::format_number};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

const TITLE: &str = "Ban tổ chức";
const UNITS: &str = "Đơn vị";
const HEADCOUNT: &str = "Tổng biên chế";
const ACCOUNTS: &str = "Tài khoản theo vai trò";
const LOADING: &str = "Đang tải…";

/// Figures for the organizer's overview.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overview {
    pub units: usize,
    pub headcount: i64,
    pub accounts: Vec<(Role, u64)>,
}

#[server(endpoint = "organizer/overview")]
pub async fn organizer_overview() -> Result<Overview, AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[Role::Organizer]).await?;
    let db = db()?;
    let units = store::units::list(&db).await.map_err(store_error)?;
    let accounts = store::accounts::count_by_role(&db).await.map_err(store_error)?;
    Ok(Overview {
        units: units.len(),
        headcount: units.iter().map(|u| i64::from(u.headcount)).sum(),
        accounts,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| organizer_overview());
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
