//! Form pieces: forms that post to server functions, and error and success notices for them.

use crate::error::AppError;
use leptos::{prelude::*, server_fn::ServerFn};

/// The fields of a submitted form, as the browser sends them.
pub struct Fields {
    #[cfg(feature = "hydrate")]
    data: Option<web_sys::FormData>,
}

impl Fields {
    /// The text of the field `name` ("" when the form has none).
    pub fn text(&self, name: &str) -> String {
        #[cfg(feature = "hydrate")]
        return self.data.as_ref().and_then(|d| d.get(name).as_string()).unwrap_or_default();
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = name;
            String::new()
        }
    }
}

/// A form that posts to the server function `S`. Without JavaScript the browser sends it; once
/// the app runs, `read` builds the function's arguments from the fields and `action` runs them,
/// so the page stays and shows the outcome. Unlike Leptos' `ActionForm` it decodes no form data
/// generically, which keeps a URL-encoding parser out of every visitor's WebAssembly.
#[component]
pub fn PostForm<S>(
    /// What a submission runs.
    action: ServerAction<S>,
    /// The arguments of `S` from the submitted fields.
    read: fn(&Fields) -> S,
    /// Classes of the `<form>`.
    #[prop(optional)]
    class: Option<&'static str>,
    /// `data-testid` of the `<form>`.
    #[prop(optional)]
    testid: Option<&'static str>,
    children: Children,
) -> impl IntoView
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        let fields = {
            use wasm_bindgen::JsCast;
            let form = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
            Fields { data: form.and_then(|f| web_sys::FormData::new_with_form(&f).ok()) }
        };
        #[cfg(not(feature = "hydrate"))]
        let fields = Fields {};
        action.dispatch(read(&fields));
    };
    view! {
        <form method="post" action=S::url() class=class data-testid=testid on:submit=on_submit>
            {children()}
        </form>
    }
}

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

/// The submit button of an action that cannot be undone. The first press only asks; the form is
/// sent by the "yes" button of the question. It is a `<details>` element, so it asks without
/// JavaScript too. Put it inside the form it submits.
#[component]
pub fn ConfirmSubmit(
    /// What the button says.
    label: &'static str,
    /// The question asked, saying what happens and that it cannot be undone.
    question: String,
    /// What the confirming button says.
    yes: &'static str,
    /// `data-testid` of the button; the confirming button gets `-yes` after it.
    testid: String,
    /// Styles the button as dangerous (red).
    #[prop(optional)]
    danger: bool,
    /// Name and value the confirming button sends with the form, if any.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] value: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let yes_id = format!("{testid}-yes");
    view! {
        <details class="confirm" prop:open=move || open.get()>
            <summary
                class="btn"
                class:btn-danger=danger
                data-testid=testid
                on:click=move |ev| {
                    ev.prevent_default();
                    open.update(|o| *o = !*o);
                }
            >
                {label}
            </summary>
            <div class="confirm-box" role="alertdialog" aria-label=label>
                <p>{question}</p>
                <div class="actions">
                    <button type="submit" class="btn btn-danger" name=name value=value data-testid=yes_id>{yes}</button>
                    <button type="button" class="btn" on:click=move |_| open.set(false)>"Huỷ"</button>
                </div>
            </div>
        </details>
    }
}

/// A file field labelled in Vietnamese whatever the browser's language: the native input (which
/// says "Choose File" on an English PC) is hidden behind a button, and the chosen file's name is
/// shown next to it.
#[component]
pub fn FilePicker(
    /// `data-testid` of the hidden input.
    testid: &'static str,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    view! {
        <div class="file-picker">
            <label class="btn">
                "Chọn tệp Excel (.xlsx) hoặc CSV…"
                <input
                    type="file" name="file" accept=".xlsx,.csv" required class="visually-hidden" data-testid=testid
                    on:change=move |ev| {
                        let path = event_target_value(&ev);
                        chosen.set(path.rsplit(['/', '\\']).next().unwrap_or_default().to_owned());
                    }
                />
            </label>
            <span class="muted" data-testid=format!("{testid}-name")>
                {move || if chosen.get().is_empty() { "Chưa chọn tệp nào.".to_owned() } else { chosen.get() }}
            </span>
        </div>
    }
}
