//! Form pieces: error and success notices for server actions.

use crate::error::AppError;
use leptos::prelude::*;

/// Shows the error of the last submission of an action, if it failed.
#[component]
pub fn ActionError<T, S>(value: S) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    move || match value.get() {
        Some(Err(e)) => Some(
            view! { <p class="notice notice-error" role="alert" data-testid="form-error">{e.to_string()}</p> },
        ),
        _ => None,
    }
}

/// Shows `message` after the last submission of an action succeeded.
#[component]
pub fn ActionSuccess<T, S>(value: S, message: &'static str) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    move || match value.get() {
        Some(Ok(_)) => {
            Some(view! { <p class="notice notice-ok" role="status" data-testid="form-ok">{message}</p> })
        }
        _ => None,
    }
}
