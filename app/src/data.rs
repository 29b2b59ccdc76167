//! Data a page loads: fetched on the server while it renders, sent to the browser inside the page,
//! and fetched again in the browser when what it depends on changes.

use leptos::{
    prelude::*,
    server::codee::{Decoder, Encoder},
};
use serde::{Serialize, de::DeserializeOwned};

/// JSON, written as Leptos' default codec writes it but read from bytes, the way the browser reads
/// server functions' responses. `serde_json` generates a reader per type and per kind of input, so
/// reading page data from a `&str` (as the default codec does) put a second copy of every page
/// type's reader in the WebAssembly.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// A page's data: `fetcher` runs with what `source` returns, on the server for the first render
/// and in the browser whenever `source` changes.
#[track_caller]
pub fn page_data<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, Json>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_data_reads_back_what_it_wrote() {
        let value: Result<Option<(u32, String)>, String> = Ok(Some((7, "Sở Nội vụ \"CCHC\"".to_owned())));
        let encoded = <Json as Encoder<_>>::encode(&value).expect("encodes");
        let decoded: Result<Option<(u32, String)>, String> =
            <Json as Decoder<_>>::decode(encoded.as_str()).expect("decodes");
        assert_eq!(decoded, value);
        assert!(<Json as Decoder<Option<u32>>>::decode("{not json").is_err());
    }
}
