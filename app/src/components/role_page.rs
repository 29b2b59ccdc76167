//! Dashboards gated on the signed-in user's role.

use crate::{
    auth::CurrentUser,
    components::{layout::UserResource, outcome::outcome},
    error::AppError,
};
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;

/// A dashboard for one role: checks the signed-in user's role, then renders `body`.
pub fn role_page<V: IntoView + 'static>(
    role: Role,
    title: &'static str,
    body: impl Fn(CurrentUser) -> V + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let user = expect_context::<UserResource>();
    view! {
        <Title text=title/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let checked = match user.await {
                    Ok(Some(u)) if u.role == role => Ok(u),
                    Ok(Some(_)) => Err(forbidden()),
                    Ok(None) => Err(AppError::Unauthorized),
                    Err(e) => Err(e),
                };
                outcome(checked, move |u| view! {
                    <section class="panel" data-testid=format!("dashboard-{}", role.as_str())>
                        <h1>{title}</h1>
                        <p class="lead">{u.full_name.clone()}{u.unit_name.clone().map(|n| format!(" · {n}"))}</p>
                        {body(u)}
                    </section>
                })
            })}
        </Suspense>
    }
}

fn forbidden() -> AppError {
    #[cfg(feature = "ssr")]
    return crate::ssr::fail(AppError::Forbidden);
    #[cfg(not(feature = "ssr"))]
    AppError::Forbidden
}
