//! Paginators: every page of a list operation as a [`Stream`], or every item across pages.
//!
//! A spec declares an operation's paginator (`paginator:` in the spec format): how the request
//! says where a page starts (an offset, a page number or a token), which parameter sets the page
//! size, and where the response keeps its items, the total and the next token. The generated
//! request type implements [`Paginated`] from that declaration (`#[cloudspec(paginator(...))]`)
//! and the generated client has a `…_paginator` method returning a [`Paginator`]. The stepping
//! and stopping logic is here, once.
//!
//! A paginator stops
//! - at the last page: an empty page; for offsets and page numbers, once the items seen reach
//!   the response's total (when the response has one); for tokens, when the response has no
//!   next token, an empty one, or one it already followed (a server that loops would otherwise
//!   never end);
//! - at the first error, which is the stream's last element;
//! - after [`Paginator::page_limit`] pages;
//! - when the caller stops polling (dropping the stream sends nothing more).
//!
//! It never guesses the end from a short page: servers cap page sizes below what was asked, so
//! "fewer items than the page size" does not mean "last page".
//!
//! ```no_run
//! # use cloudspec_runtime::paginate::{Paginated, Paginator};
//! use cloudspec_runtime::paginate::TryStreamExt as _;
//! # async fn example<O: Paginated>(client: cloudspec_runtime::Client, request: O)
//! # -> Result<(), cloudspec_runtime::client::Error<O::ErrorKind>>
//! # where O::Item: std::fmt::Debug, O::Response: Send + 'static {
//! let mut items = Paginator::new(client, request).page_limit(10).items();
//! while let Some(item) = items.try_next().await? {
//!     println!("{item:?}");
//! }
//! # Ok(()) }
//! ```

use std::collections::HashSet;

use futures_util::stream;
pub use futures_util::stream::{BoxStream, Stream, StreamExt, TryStreamExt};

use crate::client::{Client, Error};
use crate::response::Operation;

/// How a request says which page it wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// The index of the first item (`Offset`, from 0) and a page size (`Limit`).
    Offset,
    /// The page number (`PageNumber`, from 1) and a page size (`PageSize`).
    PageNumber,
    /// An opaque token from the previous response (`NextToken`), absent for the first page.
    Token,
}

/// Where a page starts: the value of the request's position parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// An offset or a page number.
    Index(i64),
    /// A next token.
    Token(String),
}

/// What a paginator reads from one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// How many items the page holds.
    pub items: usize,
    /// The total number of items, when the response says.
    pub total: Option<i64>,
    /// The token of the next page, when the response has one.
    pub next_token: Option<String>,
}

/// A request type whose operation pages (implemented by `#[derive(Request)]` from
/// `#[cloudspec(paginator(...))]`).
pub trait Paginated: Operation + Clone + Send + 'static {
    /// One element of a page.
    type Item: Send + 'static;
    /// How the request addresses a page.
    const STYLE: PageStyle;
    /// Where the request starts, as the caller set it (`None`: the first page).
    fn cursor(&self) -> Option<Cursor>;
    /// Points the request at another page.
    fn set_cursor(&mut self, cursor: Cursor);
    /// The page size the request asks for, if it sets one.
    fn page_size(&self) -> Option<i64>;
    /// The item count, total and next token of a response.
    fn facts(response: &Self::Response) -> PageFacts;
    /// The items of a response (empty when the response has none).
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

/// The pages of a list call (from the generated client's `…_paginator` methods).
#[derive(Debug, Clone)]
#[must_use = "a paginator sends nothing until its pages or items are polled"]
pub struct Paginator<O> {
    client: Client,
    request: O,
    page_limit: Option<usize>,
}

impl<O: Paginated> Paginator<O>
where
    O::Response: Send + 'static,
{
    /// Pages through `request`'s operation with `client`, starting where the request points
    /// (the first page unless its offset, page number or token is set).
    pub fn new(client: Client, request: O) -> Self {
        Self {
            client,
            request,
            page_limit: None,
        }
    }

    /// Fetches at most `pages` pages (0: none).
    pub fn page_limit(mut self, pages: usize) -> Self {
        self.page_limit = Some(pages);
        self
    }

    /// Every page's response, in order; an error ends the stream. Boxed, so it is `Unpin`:
    /// `next()` and `try_next()` work on it as it is.
    pub fn pages(self) -> BoxStream<'static, Result<O::Response, Error<O::ErrorKind>>> {
        let state = State {
            client: self.client,
            pages_left: self.page_limit,
            progress: Progress::new(&self.request),
            next: Some(self.request),
        };
        stream::unfold(state, State::step).boxed()
    }

    /// Every item of every page, in order; an error ends the stream. Boxed, like
    /// [`Paginator::pages`].
    pub fn items(self) -> BoxStream<'static, Result<O::Item, Error<O::ErrorKind>>> {
        self.pages()
            .flat_map(|page| {
                let items: Vec<Result<O::Item, Error<O::ErrorKind>>> = match page {
                    Ok(response) => O::into_items(response).into_iter().map(Ok).collect(),
                    Err(e) => vec![Err(e)],
                };
                stream::iter(items)
            })
            .boxed()
    }
}

struct State<O> {
    client: Client,
    /// The request of the next page; `None` once the end is reached.
    next: Option<O>,
    pages_left: Option<usize>,
    progress: Progress,
}

impl<O: Paginated> State<O>
where
    O::Response: Send + 'static,
{
    async fn step(mut self) -> Option<(Result<O::Response, Error<O::ErrorKind>>, Self)> {
        if let Some(left) = &mut self.pages_left {
            if *left == 0 {
                return None;
            }
            *left -= 1;
        }
        let request = self.next.take()?;
        let mut following = request.clone();
        match self.client.call(request).await {
            Ok(response) => {
                let facts = O::facts(&response);
                if let Some(cursor) = self.progress.advance(O::STYLE, &facts) {
                    following.set_cursor(cursor);
                    self.next = Some(following);
                }
                Some((Ok(response), self))
            }
            Err(e) => Some((Err(e), self)),
        }
    }
}

/// Where a paginator is, and the stopping rules.
#[derive(Debug)]
struct Progress {
    /// The offset or page number of the page just requested.
    index: i64,
    /// Items seen since the first page requested.
    seen: i64,
    /// The items before the first page requested: its offset, or (page number - 1) × the
    /// page size (the request's, else the first page's length).
    before: Option<i64>,
    page_size: Option<i64>,
    /// Tokens already sent (the first page's, if the caller set one).
    tokens: HashSet<String>,
}

impl Progress {
    fn new<O: Paginated>(request: &O) -> Self {
        let mut tokens = HashSet::new();
        let index = match (request.cursor(), O::STYLE) {
            (Some(Cursor::Index(i)), _) => i,
            (Some(Cursor::Token(t)), _) => {
                tokens.insert(t);
                0
            }
            (None, PageStyle::PageNumber) => 1,
            (None, _) => 0,
        };
        let before = match O::STYLE {
            PageStyle::Offset => Some(index),
            PageStyle::PageNumber if index <= 1 => Some(0),
            _ => None,
        };
        Progress {
            index,
            seen: 0,
            before,
            page_size: request.page_size(),
            tokens,
        }
    }

    /// The cursor of the page after one with `facts`, or `None` at the end.
    fn advance(&mut self, style: PageStyle, facts: &PageFacts) -> Option<Cursor> {
        let count = i64::try_from(facts.items).unwrap_or(i64::MAX);
        if style == PageStyle::Token {
            let token = facts.next_token.as_deref().filter(|t| !t.is_empty())?;
            return self
                .tokens
                .insert(token.to_owned())
                .then(|| Cursor::Token(token.to_owned()));
        }
        if count == 0 {
            return None;
        }
        if self.before.is_none() {
            // A page number past 1 with no page size set: the first page shows the size.
            let size = self.page_size.unwrap_or(count);
            self.before = Some((self.index - 1).saturating_mul(size));
        }
        self.seen = self.seen.saturating_add(count);
        let reached = self.before.unwrap_or(0).saturating_add(self.seen);
        if facts.total.is_some_and(|total| reached >= total) {
            return None;
        }
        self.index = match style {
            PageStyle::Offset => self.index.saturating_add(count),
            _ => self.index.saturating_add(1),
        };
        Some(Cursor::Index(self.index))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use serde::Serialize;

    use super::*;
    use crate::client::Config;
    use crate::clock::{FixedClock, FixedNonce};
    use crate::credentials::Credentials;
    use crate::error::ErrorKind;
    use crate::schema::{Kind, OperationSpec, ParamSpec};
    use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct Kinds;
    impl ErrorKind for Kinds {
        fn from_code(_: &str) -> Self {
            Kinds
        }
    }

    static OP: OperationSpec = OperationSpec {
        service: &crate::testing::CVM,
        name: "DescribeThings",
        params: &[
            ParamSpec::json("Offset", Kind::Integer),
            ParamSpec::json("Limit", Kind::Integer),
            ParamSpec::json("NextToken", Kind::String),
        ],
        rules: &[],
        envelope: Some("Response"),
        idempotency_token: None,
        method: "POST",
        path: "/",
        regions: &[],
        region_required: false,
    };

    /// One request type for the three styles; `STYLE` comes from the type parameter.
    #[derive(Debug, Clone, Default, Serialize)]
    struct Req<S> {
        #[serde(rename = "Offset", skip_serializing_if = "Option::is_none")]
        position: Option<i64>,
        #[serde(rename = "Limit", skip_serializing_if = "Option::is_none")]
        limit: Option<i64>,
        #[serde(rename = "NextToken", skip_serializing_if = "Option::is_none")]
        token: Option<String>,
        #[serde(skip)]
        style: std::marker::PhantomData<S>,
    }

    #[derive(crate::FromWire, Debug, PartialEq)]
    struct Resp {
        #[cloudspec(wire = "Items")]
        items: Option<Vec<String>>,
        #[cloudspec(wire = "TotalCount")]
        total: Option<i64>,
        #[cloudspec(wire = "NextToken")]
        next_token: Option<String>,
    }

    trait Style: Clone + Send + Sync + Default + 'static {
        const STYLE: PageStyle;
    }
    #[derive(Debug, Clone, Default)]
    struct ByOffset;
    impl Style for ByOffset {
        const STYLE: PageStyle = PageStyle::Offset;
    }
    #[derive(Debug, Clone, Default)]
    struct ByPage;
    impl Style for ByPage {
        const STYLE: PageStyle = PageStyle::PageNumber;
    }
    #[derive(Debug, Clone, Default)]
    struct ByToken;
    impl Style for ByToken {
        const STYLE: PageStyle = PageStyle::Token;
    }

    impl<S: Style> Operation for Req<S> {
        type Response = Resp;
        type ErrorKind = Kinds;
        const SPEC: &'static OperationSpec = &OP;
    }
    impl<S: Style> Paginated for Req<S> {
        type Item = String;
        const STYLE: PageStyle = S::STYLE;
        fn cursor(&self) -> Option<Cursor> {
            match S::STYLE {
                PageStyle::Token => self.token.clone().map(Cursor::Token),
                _ => self.position.map(Cursor::Index),
            }
        }
        fn set_cursor(&mut self, cursor: Cursor) {
            match cursor {
                Cursor::Index(i) => self.position = Some(i),
                Cursor::Token(t) => self.token = Some(t),
            }
        }
        fn page_size(&self) -> Option<i64> {
            self.limit
        }
        fn facts(response: &Resp) -> PageFacts {
            PageFacts {
                items: response.items.as_ref().map_or(0, Vec::len),
                total: response.total,
                next_token: response.next_token.clone(),
            }
        }
        fn into_items(response: Resp) -> Vec<String> {
            response.items.unwrap_or_default()
        }
    }

    /// Answers each request with `answer(offset, token)` and records what was asked.
    type Answer = dyn Fn(Option<i64>, Option<String>) -> (u16, String) + Send + Sync;
    struct Server {
        answer: Box<Answer>,
        asked: Mutex<Vec<(Option<i64>, Option<String>)>>,
    }
    impl Transport for Arc<Server> {
        fn send(
            &self,
            request: HttpRequest,
        ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
            let offset = body.get("Offset").and_then(serde_json::Value::as_i64);
            let token = body
                .get("NextToken")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned);
            self.asked.lock().unwrap().push((offset, token.clone()));
            let (status, body) = (self.answer)(offset, token);
            Box::pin(async move {
                Ok(HttpResponse {
                    status,
                    headers: vec![],
                    body: body.into_bytes(),
                })
            })
        }
    }

    fn serve(
        answer: impl Fn(Option<i64>, Option<String>) -> (u16, String) + Send + Sync + 'static,
    ) -> (Client, Arc<Server>) {
        let server = Arc::new(Server {
            answer: Box::new(answer),
            asked: Mutex::default(),
        });
        let config = Config::new()
            .credentials(Credentials::new("id", "secret"))
            .region("ap-guangzhou")
            .transport(Arc::clone(&server))
            .clock(FixedClock(1_698_315_752))
            .nonce(FixedNonce("n".into()))
            .retry(crate::retry::RetryPolicy::none());
        (Client::new(&crate::testing::CVM, config), server)
    }

    fn page(items: std::ops::Range<i64>, total: Option<i64>, next: Option<&str>) -> (u16, String) {
        let items: Vec<String> = items.map(|i| format!("item-{i}")).collect();
        let mut body = serde_json::json!({"Items": items, "RequestId": "r"});
        if let Some(total) = total {
            body["TotalCount"] = total.into();
        }
        if let Some(next) = next {
            body["NextToken"] = next.into();
        }
        (200, serde_json::json!({ "Response": body }).to_string())
    }

    /// 25 items in pages of at most `size`, from offset/page-number/token position `at`.
    fn offsets(
        size: i64,
        total: Option<i64>,
    ) -> impl Fn(Option<i64>, Option<String>) -> (u16, String) {
        move |offset, _| {
            let start = offset.unwrap_or(0);
            page(start..(start + size).min(25), total, None)
        }
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    fn asked(server: &Server) -> Vec<(Option<i64>, Option<String>)> {
        server.asked.lock().unwrap().clone()
    }

    #[test]
    fn offsets_stop_at_the_total_even_when_the_server_caps_the_page_size() {
        // The caller asks for 20 a page; the server gives 10: a short page is not the end.
        let (client, server) = serve(offsets(10, Some(25)));
        let request = Req::<ByOffset> {
            limit: Some(20),
            ..Req::default()
        };
        let items: Vec<String> =
            block_on(Paginator::new(client, request).items().try_collect()).unwrap();
        assert_eq!(items.len(), 25);
        assert_eq!(items[0], "item-0");
        assert_eq!(items[24], "item-24");
        let offsets: Vec<_> = asked(&server).into_iter().map(|(o, _)| o).collect();
        assert_eq!(offsets, [None, Some(10), Some(20)]);
    }

    #[test]
    fn without_a_total_an_empty_page_ends_the_offsets() {
        let (client, server) = serve(offsets(10, None));
        let pages: Vec<Resp> = block_on(
            Paginator::new(client, Req::<ByOffset>::default())
                .pages()
                .try_collect(),
        )
        .unwrap();
        assert_eq!(pages.len(), 4);
        assert_eq!(pages[3].items.as_deref(), Some(&[][..]));
        assert_eq!(asked(&server).len(), 4);
    }

    #[test]
    fn a_starting_offset_counts_towards_the_total() {
        let (client, server) = serve(offsets(10, Some(25)));
        let request = Req::<ByOffset> {
            position: Some(20),
            ..Req::default()
        };
        let items: Vec<String> =
            block_on(Paginator::new(client, request).items().try_collect()).unwrap();
        assert_eq!(
            items,
            ["item-20", "item-21", "item-22", "item-23", "item-24"]
        );
        assert_eq!(asked(&server).len(), 1);
    }

    #[test]
    fn page_numbers_count_from_one_and_stop_at_the_total() {
        // The "Offset" wire name carries the page number here.
        let (client, server) = serve(|page_number, _| {
            let start = (page_number.unwrap_or(1) - 1) * 10;
            page(start..(start + 10).min(25), Some(25), None)
        });
        let items: Vec<String> = block_on(
            Paginator::new(client, Req::<ByPage>::default())
                .items()
                .try_collect(),
        )
        .unwrap();
        assert_eq!(items.len(), 25);
        let pages: Vec<_> = asked(&server).into_iter().map(|(p, _)| p).collect();
        assert_eq!(pages, [None, Some(2), Some(3)]);
    }

    #[test]
    fn a_later_first_page_number_uses_the_first_page_as_the_page_size() {
        let (client, server) = serve(|page_number, _| {
            let start = (page_number.unwrap_or(1) - 1) * 10;
            page(start..(start + 10).min(25), Some(25), None)
        });
        let request = Req::<ByPage> {
            position: Some(2),
            ..Req::default()
        };
        let items: Vec<String> =
            block_on(Paginator::new(client, request).items().try_collect()).unwrap();
        assert_eq!(items.len(), 15);
        assert_eq!(items[0], "item-10");
        assert_eq!(asked(&server).len(), 2);
    }

    #[test]
    fn tokens_are_followed_until_there_is_none() {
        let (client, server) = serve(|_, token| match token.as_deref() {
            None => page(0..2, None, Some("t1")),
            Some("t1") => page(2..4, None, Some("t2")),
            Some("t2") => page(4..5, None, Some("")),
            Some(other) => (400, format!("unexpected {other}")),
        });
        let items: Vec<String> = block_on(
            Paginator::new(client, Req::<ByToken>::default())
                .items()
                .try_collect(),
        )
        .unwrap();
        assert_eq!(items.len(), 5);
        let tokens: Vec<_> = asked(&server).into_iter().map(|(_, t)| t).collect();
        assert_eq!(tokens, [None, Some("t1".into()), Some("t2".into())]);
    }

    #[test]
    fn a_token_seen_before_ends_the_stream_instead_of_looping() {
        let (client, server) = serve(|_, token| match token.as_deref() {
            None => page(0..1, None, Some("a")),
            Some("a") => page(1..2, None, Some("b")),
            _ => page(2..3, None, Some("a")),
        });
        let items: Vec<String> = block_on(
            Paginator::new(client, Req::<ByToken>::default())
                .items()
                .try_collect(),
        )
        .unwrap();
        assert_eq!(items, ["item-0", "item-1", "item-2"]);
        assert_eq!(asked(&server).len(), 3);
    }

    #[test]
    fn the_page_limit_and_dropping_the_stream_both_stop_sending() {
        let (client, server) = serve(offsets(5, Some(25)));
        let pages: Vec<Resp> = block_on(
            Paginator::new(client.clone(), Req::<ByOffset>::default())
                .page_limit(2)
                .pages()
                .try_collect(),
        )
        .unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(asked(&server).len(), 2);

        // Taking 7 items needs two pages of 5; nothing more is sent.
        let (client, server) = serve(offsets(5, Some(25)));
        let seven: Vec<String> = block_on(
            Paginator::new(client, Req::<ByOffset>::default())
                .items()
                .take(7)
                .try_collect(),
        )
        .unwrap();
        assert_eq!(seven.len(), 7);
        assert_eq!(asked(&server).len(), 2);
        let (client, server) = serve(offsets(5, Some(25)));
        let none: Vec<Resp> = block_on(
            Paginator::new(client, Req::<ByOffset>::default())
                .page_limit(0)
                .pages()
                .try_collect(),
        )
        .unwrap();
        assert!(none.is_empty());
        assert!(asked(&server).is_empty());
    }

    #[test]
    fn an_error_is_the_last_element() {
        let (client, server) = serve(|offset, _| {
            match offset {
            None => page(0..10, Some(30), None),
            _ => (
                200,
                r#"{"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"r2"}}"#
                    .into(),
            ),
        }
        });
        let pages: Vec<Result<Resp, Error<Kinds>>> = block_on(
            Paginator::new(client, Req::<ByOffset>::default())
                .pages()
                .collect(),
        );
        assert_eq!(pages.len(), 2);
        assert!(pages[0].is_ok());
        let error = pages[1].as_ref().unwrap_err();
        assert_eq!(error.request_id(), Some("r2"));
        assert_eq!(asked(&server).len(), 2);
    }
}
