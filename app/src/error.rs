//! The error every server function returns: a Vietnamese message for the user and, on the
//! server, the HTTP status that goes with it.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// Why a request was refused. `Display` is the message shown to users.
///
/// On the wire it is `{"code": "...", "message": "..."}`, so API clients get the message too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(into = "WireError", from = "WireError")]
pub enum AppError {
    #[error("Vui lòng đăng nhập để tiếp tục.")]
    Unauthorized,
    #[error("Bạn không có quyền truy cập chức năng này.")]
    Forbidden,
    /// Forbidden for a reason worth telling (a judge and their own unit's team).
    #[error("{0}")]
    Refused(String),
    #[error("Không tìm thấy nội dung yêu cầu.")]
    NotFound,
    /// Bad input; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// The request conflicts with the current state (a taken login, a closed round, ...).
    #[error("{0}")]
    Conflict(String),
    #[error("Đăng nhập không thành công: sai tên đăng nhập hoặc mật khẩu.")]
    BadCredentials,
    #[error("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {0} phút.")]
    TooManyAttempts(i64),
    /// Too many requests of another kind; the message says when to come back.
    #[error("{0}")]
    RateLimited(String),
    /// The request body is larger than any form of HoiThi sends.
    #[error("Dữ liệu gửi lên quá lớn.")]
    TooLarge,
    #[error("Hệ thống đang gặp sự cố, vui lòng thử lại sau ít phút.")]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("Không kết nối được với máy chủ, vui lòng kiểm tra mạng và thử lại.")]
    Transport(String),
}

impl AppError {
    /// The HTTP status a response carrying this error gets.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::BadCredentials => 401,
            AppError::Forbidden | AppError::Refused(_) => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::TooLarge => 413,
            AppError::TooManyAttempts(_) | AppError::RateLimited(_) => 429,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        AppError::Invalid(message.into())
    }
}

/// The serialised form of [`AppError`].
#[derive(Serialize, Deserialize)]
struct WireError {
    code: String,
    message: String,
}

impl From<AppError> for WireError {
    fn from(e: AppError) -> Self {
        let code = match &e {
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Refused(_) => "refused",
            AppError::NotFound => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::BadCredentials => "bad_credentials",
            AppError::TooManyAttempts(_) => "too_many_attempts",
            AppError::RateLimited(_) => "rate_limited",
            AppError::TooLarge => "too_large",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
        };
        WireError { code: code.to_owned(), message: e.to_string() }
    }
}

impl From<WireError> for AppError {
    fn from(w: WireError) -> Self {
        match w.code.as_str() {
            "unauthorized" => AppError::Unauthorized,
            "forbidden" => AppError::Forbidden,
            "refused" => AppError::Refused(w.message),
            "not_found" => AppError::NotFound,
            "invalid" => AppError::Invalid(w.message),
            "conflict" => AppError::Conflict(w.message),
            "bad_credentials" => AppError::BadCredentials,
            "internal" => AppError::Internal,
            "rate_limited" => AppError::RateLimited(w.message),
            "too_large" => AppError::TooLarge,
            "too_many_attempts" => AppError::TooManyAttempts(
                w.message.split_whitespace().find_map(|t| t.parse().ok()).unwrap_or(5),
            ),
            _ => AppError::Transport(w.message),
        }
    }
}

/// What a user is told of a request the server could not read.
const BAD_REQUEST: &str = "Dữ liệu gửi lên không hợp lệ, vui lòng tải lại trang và thử lại.";

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            // On the server this is a request that could not be read: the client's fault (a
            // tampered or stale form, a body too large), answered 4xx and logged with its path.
            let err = match &value {
                ServerFnErrorErr::Deserialization(m) if m.contains("length limit") => AppError::TooLarge,
                _ => AppError::Invalid(BAD_REQUEST.into()),
            };
            crate::ssr::refuse_request(&err, &value.to_string());
            err
        }
        #[cfg(not(feature = "ssr"))]
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid(BAD_REQUEST.into())
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl From<domain::ValidationError> for AppError {
    fn from(e: domain::ValidationError) -> Self {
        AppError::Invalid(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_travel_as_code_and_vietnamese_message_and_come_back_equal() {
        for err in [
            AppError::Forbidden,
            AppError::Invalid("Họ và tên không được để trống.".into()),
            AppError::Conflict("Đã có đơn vị mang tên này.".into()),
            AppError::BadCredentials,
        ] {
            let json = serde_json::to_value(&err).unwrap();
            assert_eq!(json["message"], err.to_string());
            assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), err);
        }
        let json = serde_json::to_value(AppError::Forbidden).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "forbidden", "message": "Bạn không có quyền truy cập chức năng này."})
        );
    }
}
