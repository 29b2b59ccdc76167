//! Why a stage operation was refused.

use crate::error::StoreError;

/// Why a stage operation was refused. Messages are for users.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    #[error("Không tìm thấy.")]
    NotFound,
    #[error(
        "Phần thi đã khóa: không thể chấm thêm. Cần Trưởng Ban giám khảo hoặc Ban tổ chức mở khóa phiếu."
    )]
    PartLocked,
    #[error("Phần thi đã công bố kết quả: không thể thay đổi điểm.")]
    PartPublished,
    #[error("Giám khảo không chấm đội của đơn vị mình.")]
    Recused,
    #[error("Bạn không được phân công chấm đội này.")]
    NotAssigned,
    #[error("Phiếu điểm đã nộp và bị khóa. Cần Trưởng Ban giám khảo hoặc Ban tổ chức mở khóa kèm lý do.")]
    SheetLocked,
    #[error("Phiếu điểm chưa nộp.")]
    SheetNotSubmitted,
    #[error("Cần chấm đủ tất cả tiêu chí trước khi nộp phiếu.")]
    Incomplete,
    #[error("Số điểm không khớp với số tiêu chí của phần thi.")]
    WrongShape,
    #[error("Tiêu chí “{criterion}”: {message}")]
    Points { criterion: String, message: String },
    #[error("Cần ghi rõ lý do.")]
    MissingReason,
    #[error("Còn {0} phiếu điểm chưa nộp.")]
    SheetsMissing(usize),
    #[error("Còn {0} đội có điểm chênh lệch lớn chưa được Trưởng Ban giám khảo xem xét.")]
    DivergenceUnreviewed(usize),
    #[error("Phần thi phải được khóa trước khi công bố.")]
    NotLocked,
    #[error("Đã có phiếu điểm: không thể sửa thang điểm.")]
    RulesInUse,
    #[error("Thao tác đồng hồ không hợp lệ lúc này.")]
    BadTimerAction,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for StageError {
    fn from(e: sea_orm::DbErr) -> Self {
        StageError::Store(e.into())
    }
}

pub(crate) type Result<T, E = StageError> = std::result::Result<T, E>;
