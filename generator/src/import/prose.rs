//! Constraints stated in prose.
//!
//! The vendors write most of a parameter's constraints into its description ("The name must be
//! 2 to 128 characters in length", "Valid values: <li>TRUE: …</li>", "取值范围：1~100"). An
//! importer reads them with [`extract`] and proposes them to a human curator, each with the
//! sentence it comes from ([`Proposal::says`]), copied verbatim so that the curator finds it by
//! text search and can cite it.
//!
//! The extractor is a set of fixed patterns, English and Chinese, one family per constraint. It
//! prefers silence to guessing: a list whose items are not all recognised proposes nothing, a
//! keyword stated twice with different values ("2 to 15 characters" for Windows, "2 to 60" for
//! Linux) proposes neither, and sentences about quotas ("Each account can create up to 15 custom
//! images") or examples are not read as constraints of the parameter.

use std::sync::LazyLock;

use regex::Regex;

/// The kind of value a description belongs to (decides which constraints make sense).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A string: lengths, characters, prefixes, enums, defaults.
    String,
    /// An integer: bounds, enums, defaults.
    Integer,
    /// A number: bounds (integral ones), enums, defaults.
    Number,
    /// A boolean: enums (`true`/`false`) and defaults.
    Boolean,
    /// An array: item counts.
    Array,
    /// An object (or a map, or a named type): only rules between parameters.
    Object,
}

/// One constraint a description states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposed {
    /// The fewest characters a string may have ("2 to 128 characters").
    MinLength(u64),
    /// The most characters a string may have ("up to 60 characters", "长度为2~128个字符").
    MaxLength(u64),
    /// The least value of an integer or number ("Valid values: 1 to 100", "最小值：1").
    Minimum(i64),
    /// The greatest value of an integer or number ("maximum value: 100", "取值范围：1~100").
    Maximum(i64),
    /// The fewest items of an array ("at least 1 tag").
    MinItems(u64),
    /// The most items of an array ("up to 20 tags", "最多支持20个").
    MaxItems(u64),
    /// What the first character must be ("must start with a letter", "以大小写字母或中文开头").
    FirstChar {
        /// Character classes: `letter`, `digit`, `lowercase`, `uppercase`, `chinese`.
        classes: Vec<String>,
        /// Literal characters besides the classes.
        chars: String,
    },
    /// The characters a string may contain ("can contain letters, digits, colons (:) …").
    AllowedChars {
        /// Character classes: `letter`, `digit`, `lowercase`, `uppercase`, `chinese`.
        classes: Vec<String>,
        /// Literal characters besides the classes (":_-" for colons, underscores, hyphens).
        chars: String,
    },
    /// Prefixes a string must not start with ("cannot start with http:// or https://").
    ForbiddenPrefixes(Vec<String>),
    /// The valid values ("Valid values: A, B and C", a bullet or `<li>` list, "取值：…").
    Enum {
        /// The values, in the order listed.
        values: Vec<String>,
        /// What each value means, for the values the list explains.
        descriptions: Vec<(String, String)>,
    },
    /// The default value ("Default value: false", "默认值：false").
    Default(String),
    /// The other parameter (one of the siblings) this one cannot be given together with.
    MutuallyExclusive(String),
}

impl Proposed {
    /// The spec keyword(s) this constraint is written as: "minLength", "maxLength", "minimum",
    /// "maximum", "minItems", "maxItems", "firstChar", "allowedChars", "forbiddenPrefixes",
    /// "enum", "default", "mutuallyExclusive".
    pub fn keyword(&self) -> &'static str {
        match self {
            Proposed::MinLength(_) => "minLength",
            Proposed::MaxLength(_) => "maxLength",
            Proposed::Minimum(_) => "minimum",
            Proposed::Maximum(_) => "maximum",
            Proposed::MinItems(_) => "minItems",
            Proposed::MaxItems(_) => "maxItems",
            Proposed::FirstChar { .. } => "firstChar",
            Proposed::AllowedChars { .. } => "allowedChars",
            Proposed::ForbiddenPrefixes(_) => "forbiddenPrefixes",
            Proposed::Enum { .. } => "enum",
            Proposed::Default(_) => "default",
            Proposed::MutuallyExclusive(_) => "mutuallyExclusive",
        }
    }
}

/// A constraint with the sentence it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The constraint.
    pub proposed: Proposed,
    /// The sentence (or list clause) stating it, copied verbatim from the description.
    pub says: String,
}

/// Every constraint `description` states about a value of kind `subject`; `siblings` are the
/// names of the other parameters of the same operation (for mutual exclusion). Deterministic,
/// in order of appearance, no duplicates.
pub fn extract(description: &str, subject: Subject, siblings: &[&str]) -> Vec<Proposal> {
    let text = description;
    let spans = sentences(text);
    let mut found = Found::default();
    enums(text, &spans, subject, &mut found);
    for &(start, end) in &spans {
        let Some(sentence) = text.get(start..end) else {
            continue;
        };
        if is_example(sentence) {
            continue;
        }
        let at = Sentence {
            text: sentence,
            start,
        };
        default(at, subject, &mut found);
        exclusive(at, siblings, &mut found);
        if is_conditional(sentence) {
            continue;
        }
        match subject {
            Subject::String => {
                lengths(at, &mut found);
                first_char(at, &mut found);
                allowed_chars(at, &mut found);
                forbidden_prefixes(at, &mut found);
            }
            Subject::Integer | Subject::Number => bounds(at, &mut found),
            Subject::Array => items(at, &mut found),
            Subject::Boolean | Subject::Object => {}
        }
    }
    found.finish()
}

// ---------------------------------------------------------------------------------------------
// Collection

/// Proposals found so far, each with the byte offset it was found at (for ordering).
#[derive(Default)]
struct Found {
    all: Vec<(usize, Proposal)>,
}

impl Found {
    fn push(&mut self, at: usize, proposed: Proposed, says: &str) {
        let says = says.trim();
        if says.is_empty() {
            return;
        }
        self.all.push((
            at,
            Proposal {
                proposed,
                says: says.to_string(),
            },
        ));
    }

    /// Orders by appearance, drops duplicates, and drops every keyword stated with different
    /// values (a conditional constraint: "2 to 15 characters" for one OS, "2 to 60" for another)
    /// and bounds that contradict each other.
    fn finish(mut self) -> Vec<Proposal> {
        self.all.sort_by_key(|(at, _)| *at);
        let mut out: Vec<Proposal> = Vec::new();
        for (_, p) in self.all {
            if !out.iter().any(|q| q.proposed == p.proposed) {
                out.push(p);
            }
        }
        let conflicting: Vec<&'static str> = out
            .iter()
            .filter(|p| {
                !matches!(
                    p.proposed,
                    Proposed::MutuallyExclusive(_) | Proposed::ForbiddenPrefixes(_)
                )
            })
            .filter(|p| {
                out.iter().any(|q| {
                    q.proposed.keyword() == p.proposed.keyword() && q.proposed != p.proposed
                })
            })
            .map(|p| p.proposed.keyword())
            .collect();
        out.retain(|p| !conflicting.contains(&p.proposed.keyword()));
        for family in 0..3 {
            let low = out.iter().find_map(|p| bound(&p.proposed, family, true));
            let high = out.iter().find_map(|p| bound(&p.proposed, family, false));
            if let (Some(l), Some(h)) = (low, high)
                && l > h
            {
                out.retain(|p| {
                    bound(&p.proposed, family, true).is_none()
                        && bound(&p.proposed, family, false).is_none()
                });
            }
        }
        // A default outside the listed values is a misreading of one or the other.
        let values = out.iter().find_map(|p| match &p.proposed {
            Proposed::Enum { values, .. } => Some(values.clone()),
            _ => None,
        });
        if let Some(values) = values {
            out.retain(|p| match &p.proposed {
                Proposed::Default(d) => values.contains(d),
                _ => true,
            });
        }
        out
    }
}

/// A lower (`low`) or upper bound of one family (0 lengths, 1 values, 2 item counts).
fn bound(p: &Proposed, family: u8, low: bool) -> Option<i128> {
    match (p, family, low) {
        (Proposed::MinLength(n), 0, true) | (Proposed::MaxLength(n), 0, false) => Some((*n).into()),
        (Proposed::Minimum(n), 1, true) | (Proposed::Maximum(n), 1, false) => Some((*n).into()),
        (Proposed::MinItems(n), 2, true) | (Proposed::MaxItems(n), 2, false) => Some((*n).into()),
        _ => None,
    }
}

/// A sentence of the description and where it starts.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    text: &'a str,
    start: usize,
}

// ---------------------------------------------------------------------------------------------
// Regular expressions (compiled once; a pattern that fails to compile proposes nothing)

type Lazy = LazyLock<Option<Regex>>;

macro_rules! regexes {
    ($($name:ident = $pat:expr;)*) => {
        $(static $name: Lazy = LazyLock::new(|| Regex::new($pat).ok());)*
        /// Every pattern, for the test that they all compile.
        #[cfg(test)]
        static ALL_PATTERNS: &[(&str, &Lazy)] = &[$((stringify!($name), &$name)),*];
    };
}

/// Units after "N to M" that make it a length.
const CHAR_UNIT: &str = r"(?:[ \t]*个)?[ \t]*(?:(?:english|chinese|unicode|ascii|half-width|full-width|英文|中文|汉字|或|和|or|and|,|、)[ \t]*)*(?:characters?\b|chars\b|个?字符|位)";

regexes! {
    // Sentence boundaries that are HTML tags.
    BOUNDARY_TAG = r"(?i)^</?(?:br|li|ul|ol|p|div|tr|td|th|table|h[1-6])\b[^>]{0,200}>";
    // "Valid values:", "Value range:", "取值：", "枚举值：" …
    ENUM_HEADER = r"(?i)(?:\b(?:valid|possible|allowed|supported|available|optional|acceptable|permitted)[ \t]+values?|\benumerat(?:ion|ed)[ \t]+values?|\bvalues?[ \t]+ranges?(?:[ \t]+from)?|\bvalid[ \t]+range|\boptions|取值(?:范围)?|枚举值|可选值|有效值)[ \t]*(?:(?:are|is|include|includes)[ \t]*[:：]?|[:：]|为|如下[ \t]*[:：]?|包括[ \t]*[:：]?)";
    FILLER = r"(?i)^(?:\s|<br\s*/?>|</li>|<ul[^>]*>|<ol[^>]*>|<p(?:\s[^>]{0,200})?>|</p>)+";
    MARKER = r"^(?:<li[^>]*>|[•·●▪◦]|[-*+][ \t]|[0-9]{1,2}[.)][ \t])[ \t]*";
    ITEM_END = r"(?i)\n|\r|<li\b|</li>|<br\s*/?>|</ul>|</ol>|<p\b|</p>";
    // One list item: a value, then what it means.
    ITEM = r"^(?:<(?:strong|b|code)>)?[ \t]*(?:\*\*)?[`'“‘]?([A-Za-z0-9](?:[A-Za-z0-9_.\-/+]*[A-Za-z0-9_\-+])?)[`'”’]?(?:\*\*)?[ \t]*(?:</(?:strong|b|code)>)?[ \t]*((?i:[（(][ \t]*(?:default(?:[ \t]+value)?|默认值?)[ \t]*[)）])[ \t]*)?(?:[:：][ \t]*(.*?)|[（(][ \t]*(.*?)[ \t]*[)）][ \t]*[.。]?|[ \t]+[-–—][ \t]+(.*?)|[.。])?[ \t]*$";
    // The start of a described item inside a sentence: "`A`: meaning; `B`: meaning".
    INLINE_ITEM = r"(?:^|[;；,，][ \t]*)[`'“‘]?([A-Za-z0-9](?:[A-Za-z0-9_.\-/+]*[A-Za-z0-9_\-+])?)[`'”’]?[ \t]*[:：]";
    TOKEN = r"^[A-Za-z0-9](?:[A-Za-z0-9_.\-/+]*[A-Za-z0-9_\-+])?$";
    LIST_SPLIT = r"(?i)[ \t]*(?:,[ \t]*(?:and|or)[ \t]+|,[ \t]*|[ \t]+and[ \t]+|[ \t]+or[ \t]+|、|，|或者|或|以及|和|及)[ \t]*";
    DEFAULT_MARK = r"(?i)^(?:\(?default(?:[ \t]+value)?\)?(?:[.;,:，；。]|[ \t]*$)|默认值?|（默认）|\(默认\))";
    INT_RANGE = r"^[ \t]*\[?[ \t]*(-?[0-9]+)[ \t]*(?:to|-|~|～|–|—|至|到)[ \t]*(-?[0-9]+)[ \t]*\]?";
    INT_INTERVAL = r"^[ \t]*[\[(][ \t]*(-?[0-9]+)[ \t]*[,，][ \t]*(-?[0-9]+)[ \t]*[\])]";
    // Lengths.
    LEN_RANGE = &format!(r"(?i)(?:^|[^0-9.])([0-9]+)[ \t]*(?:to|-|~|～|–|and)[ \t]*([0-9]+){CHAR_UNIT}");
    LEN_RANGE_WORD = r"(?i)\blength(?:[ \t]+range)?[ \t]*(?:is|:|：|of|should be|must be)?[ \t]*(?:from[ \t]+|between[ \t]+)?([0-9]+)[ \t]*(?:to|-|~|～|and)[ \t]*([0-9]+)\b";
    LEN_RANGE_ZH = r"长度(?:范围)?(?:为|是|在|限制为)?[ \t]*[:：]?[ \t]*([0-9]+)[ \t]*(?:~|～|-|到|至)[ \t]*([0-9]+)";
    MAX_LEN = &format!(r"(?i)\b(?:up[ \t]+to|at[ \t]+most|no[ \t]+more[ \t]+than|not[ \t]+more[ \t]+than|a[ \t]+maximum[ \t]+of|maximum[ \t]+of|(?:cannot|can't|can[ \t]+not|must[ \t]+not|should[ \t]+not|may[ \t]+not|does[ \t]+not|not)[ \t]+(?:exceed|be[ \t]+longer[ \t]+than)|not[ \t]+exceeding|no[ \t]+longer[ \t]+than|(?:is[ \t]+|are[ \t]+)?limited[ \t]+to|within)[ \t]+([0-9]+){CHAR_UNIT}");
    MAX_LEN_WORD = r"(?i)\bmax(?:imum)?[ \t]+length[ \t]*(?:is|of|:|：)?[ \t]*([0-9]+)\b";
    MAX_LEN_ZH = r"(?:不超过|不能超过|不得超过|不可超过|不大于|最多|最长|最大长度为?|长度上限为?|长度不超过|长度不能超过|长度最大为?)[ \t]*[:：]?[ \t]*([0-9]+)[ \t]*(?:个)?(?:英文|中文|汉字|或)*(?:字符|位)";
    MAX_LEN_ZH_WORD = r"长度(?:不能超过|不超过|不得超过|最大为?|最多为?|上限为?)[ \t]*([0-9]+)";
    MIN_LEN = &format!(r"(?i)\b(?:at[ \t]+least|no[ \t]+less[ \t]+than|not[ \t]+less[ \t]+than|no[ \t]+fewer[ \t]+than|a[ \t]+minimum[ \t]+of|minimum[ \t]+of)[ \t]+([0-9]+){CHAR_UNIT}");
    MIN_LEN_WORD = r"(?i)\bmin(?:imum)?[ \t]+length[ \t]*(?:is|of|:|：)?[ \t]*([0-9]+)\b";
    MIN_LEN_ZH = r"(?:至少|不少于|不能少于|最少|最短|长度不低于|长度不少于|长度最小为?)[ \t]*[:：]?[ \t]*([0-9]+)[ \t]*(?:个)?(?:英文|中文|汉字|或)*(?:字符|位)";
    // Bounds.
    MAX_VALUE = r"(?i)\bmax(?:imum)?(?:[ \t]+value)?[ \t]*(?:is|:|：|=)[ \t]*(-?[0-9]+)";
    MIN_VALUE = r"(?i)\bmin(?:imum)?(?:[ \t]+value)?[ \t]*(?:is|:|：|=)[ \t]*(-?[0-9]+)";
    MAX_VALUE_ZH = r"(?:最大值|最大取值)[ \t]*(?:为|是|：|:)?[ \t]*(-?[0-9]+)";
    MIN_VALUE_ZH = r"(?:最小值|最小取值)[ \t]*(?:为|是|：|:)?[ \t]*(-?[0-9]+)";
    RANGE_FROM = r"(?i)\b(?:value|values)[ \t]+(?:ranges?|range[ \t]+is)[ \t]*(?:from[ \t]+)?[:：]?[ \t]*(-?[0-9]+)[ \t]*(?:to|-|~|～|–)[ \t]*(-?[0-9]+)";
    RANGE_BETWEEN = r"(?i)\b(?:must|should|can)[ \t]+be[ \t]+(?:an[ \t]+integer[ \t]+)?between[ \t]+(-?[0-9]+)[ \t]+and[ \t]+(-?[0-9]+)";
    RANGE_ZH = r"取值(?:范围)?(?:为|是|在)?[ \t]*[:：]?[ \t]*[\[［]?[ \t]*(-?[0-9]+)[ \t]*(?:~|～|-|到|至|,|，)[ \t]*(-?[0-9]+)";
    // Item counts.
    MAX_ITEMS = r"(?i)\b(?:up[ \t]+to|at[ \t]+most|a[ \t]+maximum[ \t]+of|maximum[ \t]+of|no[ \t]+more[ \t]+than|not[ \t]+more[ \t]+than)[ \t]+([0-9]+)[ \t]+(\S+)";
    MAX_ITEMS_PER_REQUEST = r"(?i)\bmaximum[ \t]+number[ \t]+of[ \t]+[^.;]{1,60}?[ \t]+(?:in|per)[ \t]+(?:each[ \t]+|a[ \t]+|one[ \t]+|every[ \t]+)?(?:request|call|query|batch)[ \t]+is[ \t]+([0-9]+)\b";
    MAX_ITEMS_N = r"(?i)\bvalid[ \t]+values[ \t]+of[ \t]+N[ \t]*[:：][ \t]*1[ \t]*(?:to|-|~)[ \t]*([0-9]+)\b";
    MAX_ITEMS_ZH = r"(?:最多|至多|不超过|不能超过|最多可以|最多可)[ \t]*(?:支持|可以|可|能|允许)?[ \t]*(?:输入|指定|传入|填写|设置|添加|包含|选择|查询|绑定|关联|配置)?[ \t]*([0-9]+)[ \t]*(个|项|条|张|台|组|次|字符|字节|位|秒|分钟|小时|天|GB|MB|KB|%)?";
    MIN_ITEMS = r"(?i)\b(?:at[ \t]+least|a[ \t]+minimum[ \t]+of|no[ \t]+fewer[ \t]+than|not[ \t]+fewer[ \t]+than)[ \t]+([0-9]+)[ \t]+(\S+)";
    QUOTA = r"(?i)\b(?:each|per|every|an?|one|your|the|single)[ \t]+(?:alibaba[ \t]+cloud[ \t]+|tencent[ \t]+cloud[ \t]+)?(?:accounts?|users?|regions?|projects?|zones?|tenants?|uins?)\b|\b(?:can|could|may)[ \t]+(?:create|own|purchase|apply[ \t]+for)\b|\bcan[ \t]+be[ \t]+(?:created|purchased|owned)\b|\bquotas?\b|\byou[ \t]+(?:have|own)\b|\bper[ \t]+(?:second|minute|hour|day)\b|\bin[ \t]+total\b|每个(?:阿里云)?(?:账号|账户|用户|地域|区域|项目|可用区)|单个(?:账号|账户|用户|地域)|配额|可创建|可以创建|能创建|可拥有|总共|共计|每秒";
    NOT_ITEMS = r"(?i)^(?:characters?|chars|bytes?|kb|mb|gb|gib|tb|tib|kib|mib|seconds?|minutes?|hours?|days?|weeks?|months?|years?|times|requests?|%|percent|mbps|gbps|digits?|letters?|words?|decimal|cores?|cpus?|characters\.)\b";
    // Characters.
    FIRST_CHAR = r"(?i)\b(?:must|should|shall|needs?[ \t]+to|has[ \t]+to|have[ \t]+to|is[ \t]+required[ \t]+to)[ \t]+(?:start|begin)[ \t]+with[ \t]+";
    FIRST_CHAR_ZH = r"以[ \t]*([^，,。；;\s以]{1,30}?)[ \t]*(?:开头|打头)";
    NOT_START = r"(?i)\b(?:cannot|can't|can[ \t]+not|must[ \t]+not|mustn't|should[ \t]+not|shouldn't|may[ \t]+not|shall[ \t]+not|does[ \t]+not|doesn't|do[ \t]+not|don't|(?:is|are)[ \t]+not[ \t]+allowed[ \t]+to)[ \t]+(?:start|begin)[ \t]+with[ \t]+";
    NOT_START_ZH = r"(?:不能|不可以|不可|不得|不允许|禁止|不应)以[ \t]*([^，,。；;]{1,60}?)[ \t]*(?:开头|打头)";
    ALLOWED = r"(?i)\b(?:(?:valid|allowed|supported|permitted)[ \t]+characters?[ \t]*(?:are|include|:|：)|(?:can|may|must|should|shall)[ \t]+(?:only[ \t]+)?(?:contain|consist[ \t]+of|include|be[ \t]+composed[ \t]+of|comprise)|(?:contains?|consists?[ \t]+of|(?:is|are)[ \t]+composed[ \t]+of|comprises?)[ \t]+only)[ \t]+(?:only[ \t]+)?";
    PART_SUBJECT = r"(?i)\b(?:each|every)[ \t]+(?:section|segment|part|label|field|word|line|item|element|component)\b|每段|每个段|每一段";
    ALLOWED_ZH = r"(?:可包含|可以包含|只能包含|仅能包含|仅包含|只包含|仅可包含|允许包含|可包括|只能由|仅能由|可由|由|仅支持|只支持|可以是|只能是|可使用|只能使用)";
    ALLOWED_ZH_END = r"组成|构成|。|；|;|，[ \t]*(?:且|并且|不|必须|长度|但|须|需|以)|,";
    CLAUSE_END = r"(?i)[;；。]|\.(?:\s|$)|,?[ \t]+(?:but|and|or)[ \t]+(?:it[ \t]+|they[ \t]+|the[ \t]+\w+[ \t]+)?(?:cannot|can't|can|must|should|may|is|are|does|do|has|have|contains?|will)\b|,[ \t]+(?:which|but|it|the|while|whereas)\b|[ \t]+(?:but|while|whereas)[ \t]|[ \t]+in[ \t]+length\b";
    LETTERS_PAIR = r"(?i)\b(?:upper(?:case|[ \t]+case|-case)?[ \t]*(?:and|or|/)[ \t]*lower(?:case|[ \t]+case|-case)?|lower(?:case|[ \t]+case|-case)?[ \t]*(?:and|or|/)[ \t]*upper(?:case|[ \t]+case|-case)?)[ \t]+(?:english[ \t]+)?letters?";
    PAREN = r"[（(][ \t]*([^()（）]{1,20}?)[ \t]*[)）]";
    // Defaults.
    DEFAULT = r"(?i)\bdefault(?:[ \t]+value)?(?:[ \t]+is|[ \t]*[:：=])[ \t]*|\bdefaults[ \t]+to[ \t]+";
    DEFAULT_ZH = r"默认(?:值)?(?:为|是|：|:|=)[ \t]*";
    UNIT_AFTER = r"^[ \t]+[A-Za-z/%]{1,8}[ \t]*(?:[.,;。，；)]|$)";
    DEFAULT_VALUE = r"^[`'“‘]?([A-Za-z0-9](?:[A-Za-z0-9_.\-/+]*[A-Za-z0-9_\-+])?)[`'”’]?";
    // Mutual exclusion.
    EXCL_WITH = r"(?i)\b(?:cannot|can't|can[ \t]+not|must[ \t]+not|should[ \t]+not|may[ \t]+not|(?:is|are)[ \t]+not[ \t]+allowed[ \t]+to)[ \t]+be[ \t]+(?:passed|specified|set|used|configured|provided|entered|combined|included|sent|present)[ \t]+(?:(?:together|simultaneously|at[ \t]+the[ \t]+same[ \t]+time|concurrently|in[ \t]+conjunction)[ \t]+)?(?:with|as)[ \t]+|\bmutually[ \t]+exclusive[ \t]+with[ \t]+";
    EXCL_BEFORE = r"(?i)\b(?:cannot|can't|can[ \t]+not|must[ \t]+not|should[ \t]+not|may[ \t]+not)[ \t]+be[ \t]+(?:passed|specified|set|used|configured|provided|entered|sent|present)[ \t]+(?:together|simultaneously|at[ \t]+the[ \t]+same[ \t]+time|concurrently)\b|\b(?:are|is)[ \t]+mutually[ \t]+exclusive\b";
    EXCL_ZH_WITH = r"(?:不能|不可以|不可|不允许|无法|不得|不支持)(?:与|和|跟|同)([^。；;]{1,80}?)(?:同时|一起|一同)";
    EXCL_ZH_MUTUAL = r"与([^。；;]{1,80}?)互斥";
    EXCL_ZH_BEFORE = r"(?:不能|不可以|不可|不允许|不得|不支持)同时(?:指定|使用|设置|传入|存在|配置|填写|生效|传递)|互斥";
    IDENT = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*";
    CONDITIONAL = r"(?i)^(?:[-•*][ \t]*)?(?:(?:when|if|for|in|unless)\b[^,:：，]{0,100}[,:：，]|(?:当|如果|若|对于|在)[^,:：，]{0,60}(?:时|中|下)?[,:：，])";
    PAGES_FROM = r"(?i)\bpages?[ \t]+(?:numbers?[ \t]+)?(?:starts?|begins?)[ \t]+(?:from|at|with)[ \t]+(?:page[ \t]+)?([0-9]+)\b|(?:页码|页号)从[ \t]*([0-9]+)[ \t]*开始";
    EXAMPLE = r"(?i)^(?:for[ \t]+example|example|e\.g\.|eg:|such[ \t]+as|例如|示例|比如)";
}

fn rx(lazy: &'static Lazy) -> Option<&'static Regex> {
    lazy.as_ref()
}

// ---------------------------------------------------------------------------------------------
// Sentences

/// The sentences of `text` as trimmed byte ranges. Boundaries: line breaks, `. ` (not after
/// "e.g"/"i.e"/"etc"), `。`/`！`/`？`, and block HTML tags (`<br>`, `<li>`, `</li>`, `<p>`, …).
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        match ch {
            '\n' | '\r' => {
                push_span(text, start, i, &mut out);
                start = i + ch.len_utf8();
            }
            '。' | '！' | '？' => {
                let end = i + ch.len_utf8();
                push_span(text, start, end, &mut out);
                start = end;
            }
            '.' | '!' | '?' => {
                let next_blank = chars.peek().is_none_or(|&(_, c)| c.is_whitespace());
                let before = text.get(..i).unwrap_or("").to_ascii_lowercase();
                let abbreviation = ["e.g", "i.e", "etc", " vs", "approx", " no"]
                    .iter()
                    .any(|a| before.ends_with(a));
                if next_blank && !abbreviation {
                    let end = i + 1;
                    push_span(text, start, end, &mut out);
                    start = end;
                }
            }
            '<' => {
                let rest = text.get(i..).unwrap_or("");
                if let Some(m) = rx(&BOUNDARY_TAG).and_then(|r| r.find(rest)) {
                    push_span(text, start, i, &mut out);
                    start = i + m.end();
                    while chars.peek().is_some_and(|&(j, _)| j < start) {
                        chars.next();
                    }
                }
            }
            _ => {}
        }
    }
    push_span(text, start, text.len(), &mut out);
    out
}

fn push_span(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let Some(slice) = text.get(start..end) else {
        return;
    };
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let s = start + trimmed_start;
        out.push((s, s + trimmed.len()));
    }
}

fn sentence_at(spans: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    spans.iter().copied().find(|&(s, e)| s <= at && at < e)
}

fn is_example(sentence: &str) -> bool {
    rx(&EXAMPLE).is_some_and(|r| r.is_match(sentence))
}

/// A sentence that holds only under a condition ("For Windows instances: …", "When `Key` is
/// set to X, valid values are …", "当…时，…"): not a constraint of every value.
fn is_conditional(sentence: &str) -> bool {
    rx(&CONDITIONAL).is_some_and(|r| r.is_match(sentence))
}

// ---------------------------------------------------------------------------------------------
// Enums (and ranges introduced like them: "Valid values: 1 to 100")

/// One item of a value list.
struct Item {
    start: usize,
    end: usize,
    value: String,
    meaning: String,
    /// Marked as the default ("`A` (default): …", "A: default value; …").
    default: bool,
}

fn enums(text: &str, spans: &[(usize, usize)], subject: Subject, found: &mut Found) {
    let Some(header) = rx(&ENUM_HEADER) else {
        return;
    };
    for m in header.find_iter(text) {
        let Some((s_start, s_end)) = sentence_at(spans, m.start()) else {
            continue;
        };
        let Some(sentence) = text.get(s_start..s_end) else {
            continue;
        };
        if is_example(sentence) || is_conditional(sentence) {
            continue;
        }
        let rest_end = s_end.max(m.end());
        let rest = text.get(m.end()..rest_end).unwrap_or("");
        if rest.trim().is_empty() {
            // The values follow as a bullet or <li> list.
            if let Some(items) = bullets(text, m.end()) {
                let end = items.last().map_or(m.end(), |i| i.end);
                let says = text.get(s_start..end).unwrap_or("");
                propose_enum(&items, subject, s_start, says, text, found);
            }
            continue;
        }
        // "Valid values: 1 to 100" on a number.
        if matches!(subject, Subject::Integer | Subject::Number)
            && let Some((low, high)) = leading_range(rest)
        {
            found.push(m.start(), Proposed::Minimum(low), sentence);
            found.push(m.start(), Proposed::Maximum(high), sentence);
            continue;
        }
        // "Valid values: `A`: meaning; `B`: meaning."
        let lead = rest.len() - rest.trim_start().len();
        if let Some(items) = inline_described(rest.trim_start(), m.end() + lead) {
            propose_enum(&items, subject, s_start, sentence, text, found);
            continue;
        }
        // "Valid values: A, B and C."
        if let Some(values) = inline_plain(rest) {
            let items: Vec<Item> = values
                .into_iter()
                .map(|value| Item {
                    start: m.start(),
                    end: m.end(),
                    value,
                    meaning: String::new(),
                    default: false,
                })
                .collect();
            propose_enum(&items, subject, s_start, sentence, text, found);
        }
    }
}

/// A numeric range at the start of `rest` ("1 to 100", "[1, 100]", "0-65535") followed by
/// nothing that makes it a list ("1 to 10, or -1").
fn leading_range(rest: &str) -> Option<(i64, i64)> {
    let caps = rx(&INT_INTERVAL)
        .and_then(|r| r.captures(rest))
        .or_else(|| rx(&INT_RANGE).and_then(|r| r.captures(rest)))?;
    let whole = caps.get(0)?;
    let after = rest.get(whole.end()..).unwrap_or("").trim_start();
    let lower = after.to_ascii_lowercase();
    if continues_list(after)
        || lower.starts_with("or ")
        || lower.starts_with("and ")
        || after.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let low = caps.get(1)?.as_str().parse().ok()?;
    let high = caps.get(2)?.as_str().parse().ok()?;
    (low <= high).then_some((low, high))
}

/// Whether the text after a range goes on listing numbers ("1-10, 20", "1 to 10、-1").
fn continues_list(after: &str) -> bool {
    let Some(rest) = after.strip_prefix([',', '，', '、']) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("or ")
        .or_else(|| rest.strip_prefix("and "))
        .unwrap_or(rest);
    rest.trim_start()
        .trim_start_matches('-')
        .starts_with(|c: char| c.is_ascii_digit())
}

/// Bullet (`•`, `-`, `<li>`) items starting at `from`; `None` when an item is not a value
/// (with or without a meaning) or there are fewer than two. Lines without a bullet count as
/// items only when each reads `VALUE: meaning` (the list ends at the first that does not).
fn bullets(text: &str, from: usize) -> Option<Vec<Item>> {
    let (filler, marker, item_end) = (rx(&FILLER)?, rx(&MARKER)?, rx(&ITEM_END)?);
    let mut items = Vec::new();
    let mut marked = None;
    let mut skipped = 0;
    let mut i = from;
    loop {
        let rest = text.get(i..)?;
        if let Some(m) = filler.find(rest) {
            i += m.end();
        }
        let rest = text.get(i..)?;
        let m = marker.find(rest);
        let is_marked = *marked.get_or_insert(m.is_some());
        if is_marked != m.is_some() {
            break;
        }
        let start = i + m.map_or(0, |m| m.end());
        let after = text.get(start..)?;
        let end = start + item_end.find(after).map_or(after.len(), |e| e.start());
        let raw = text.get(start..end)?;
        let parsed = parse_item(raw);
        let (value, meaning, default) = if is_marked {
            match parsed {
                Some(p) => p,
                // A bullet of prose under the previous value ("- To find community images, …").
                None if !items.is_empty() => {
                    skipped += 1;
                    if end <= i {
                        break;
                    }
                    i = end;
                    continue;
                }
                None => return None,
            }
        } else {
            match parsed {
                Some((value, meaning, default))
                    if !meaning.is_empty()
                        && raw.contains([':', '：'])
                        && !UNMARKED_STOP.contains(&value.to_ascii_lowercase().as_str()) =>
                {
                    (value, meaning, default)
                }
                _ => break,
            }
        };
        let trimmed = raw.trim_end();
        items.push(Item {
            start,
            end: start + trimmed.len(),
            value,
            meaning,
            default,
        });
        if end <= i {
            break;
        }
        i = end;
    }
    (items.len() >= 2 && skipped < items.len()).then_some(items)
}

/// Words that open a line of prose, not a value ("Note: …", "Default value: …").
const UNMARKED_STOP: [&str; 16] = [
    "note",
    "notes",
    "example",
    "examples",
    "default",
    "unit",
    "type",
    "required",
    "optional",
    "description",
    "remarks",
    "caution",
    "warning",
    "tip",
    "tips",
    "valid",
];

/// One item's value, meaning and whether it is marked as the default ("true: indicates …",
/// "`CDHPAID`: …", "ALL", "false (default)", "CreateEcs (default): …").
fn parse_item(raw: &str) -> Option<(String, String, bool)> {
    let caps = rx(&ITEM)?.captures(raw.trim())?;
    let value = caps.get(1)?.as_str().to_string();
    let meaning = (3..=5)
        .find_map(|g| caps.get(g))
        .map(|m| strip_tags(m.as_str()).trim().to_string())
        .unwrap_or_default();
    let default = caps.get(2).is_some() || rx(&DEFAULT_MARK).is_some_and(|r| r.is_match(&meaning));
    Some((value, meaning, default))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = false;
    for c in s.chars() {
        match c {
            '<' => depth = true,
            '>' if depth => depth = false,
            _ if !depth => out.push(c),
            _ => {}
        }
    }
    out
}

/// "`A`: meaning; `B`: meaning" right after a header.
fn inline_described(rest: &str, offset: usize) -> Option<Vec<Item>> {
    let re = rx(&INLINE_ITEM)?;
    let starts: Vec<_> = re.captures_iter(rest).collect();
    let first = starts.first()?.get(0)?;
    if first.start() != 0 && !rest.get(..first.start())?.trim().is_empty() {
        return None;
    }
    if starts.len() < 2 {
        return None;
    }
    let mut items = Vec::new();
    for (k, caps) in starts.iter().enumerate() {
        let whole = caps.get(0)?;
        let value = caps.get(1)?.as_str().to_string();
        let end = starts
            .get(k + 1)
            .and_then(|c| c.get(0))
            .map_or(rest.len(), |m| m.start());
        let meaning = rest.get(whole.end()..end)?.trim();
        let meaning = meaning.trim_end_matches(['.', '。']).trim().to_string();
        let default = rx(&DEFAULT_MARK).is_some_and(|r| r.is_match(&meaning));
        items.push(Item {
            start: offset + whole.start(),
            end: offset + end,
            value,
            meaning,
            default,
        });
    }
    Some(items)
}

/// "A, B and C" right after a header, ending at `;`, `。` or the end of the sentence.
fn inline_plain(rest: &str) -> Option<Vec<String>> {
    let cut = rest
        .find([';', '；', '。'])
        .map_or(rest, |i| rest.get(..i).unwrap_or(rest));
    let list = cut.trim().trim_end_matches('.').trim();
    if list.is_empty() {
        return None;
    }
    let values: Option<Vec<String>> = rx(&LIST_SPLIT)?.split(list).map(bare_token).collect();
    let values = values?;
    (values.len() >= 2).then_some(values)
}

/// A value written alone: `true`, "FALSE", cn-beijing.
fn bare_token(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c| matches!(c, '`' | '"' | '\'' | '“' | '”' | '‘' | '’' | '*'));
    rx(&TOKEN)?.is_match(t).then(|| t.to_string())
}

fn fits(value: &str, subject: Subject) -> bool {
    match subject {
        Subject::String => true,
        Subject::Integer => value.parse::<i64>().is_ok(),
        Subject::Number => value.parse::<f64>().is_ok_and(f64::is_finite),
        Subject::Boolean => {
            value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false")
        }
        Subject::Array | Subject::Object => false,
    }
}

/// A value as the spec writes it: booleans in lower case (`TRUE` on the page is `true` on the
/// wire), everything else verbatim.
fn normal(value: &str, subject: Subject) -> String {
    if subject == Subject::Boolean {
        value.to_ascii_lowercase()
    } else {
        value.to_string()
    }
}

fn propose_enum(
    items: &[Item],
    subject: Subject,
    at: usize,
    says: &str,
    text: &str,
    found: &mut Found,
) {
    if !items.iter().all(|i| fits(&i.value, subject)) {
        return;
    }
    let mut values: Vec<String> = Vec::new();
    let mut descriptions = Vec::new();
    for item in items {
        let value = normal(&item.value, subject);
        if values.contains(&value) {
            continue;
        }
        if !item.meaning.is_empty() {
            descriptions.push((value.clone(), item.meaning.clone()));
        }
        values.push(value);
    }
    if values.len() < 2 {
        return;
    }
    found.push(
        at,
        Proposed::Enum {
            values,
            descriptions,
        },
        says,
    );
    // "false: default value; …", "true (default)".
    for item in items {
        if item.default
            && let Some(line) = text.get(item.start..item.end)
        {
            found.push(
                item.start,
                Proposed::Default(normal(&item.value, subject)),
                line,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lengths, bounds and item counts

fn number<T: std::str::FromStr>(caps: &regex::Captures<'_>, group: usize) -> Option<T> {
    caps.get(group)?.as_str().parse().ok()
}

/// The end of a number match must not continue as a decimal ("1.5") or a longer number.
fn ends_cleanly(text: &str, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    let mut it = after.chars();
    match it.next() {
        Some(c) if c.is_ascii_digit() => false,
        Some('.') => !it.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

fn lengths(s: Sentence<'_>, found: &mut Found) {
    for lazy in [&LEN_RANGE, &LEN_RANGE_WORD, &LEN_RANGE_ZH] {
        let Some(re) = rx(lazy) else { continue };
        for caps in re.captures_iter(s.text) {
            let (Some(low), Some(high), Some(whole)) = (
                number::<u64>(&caps, 1),
                number::<u64>(&caps, 2),
                caps.get(0),
            ) else {
                continue;
            };
            if low <= high && ends_cleanly(s.text, caps.get(2).map_or(0, |m| m.end())) {
                found.push(s.start + whole.start(), Proposed::MinLength(low), s.text);
                found.push(s.start + whole.start(), Proposed::MaxLength(high), s.text);
            }
        }
    }
    for (lazy, max) in [
        (&MAX_LEN, true),
        (&MAX_LEN_WORD, true),
        (&MAX_LEN_ZH, true),
        (&MAX_LEN_ZH_WORD, true),
        (&MIN_LEN, false),
        (&MIN_LEN_WORD, false),
        (&MIN_LEN_ZH, false),
    ] {
        let Some(re) = rx(lazy) else { continue };
        for caps in re.captures_iter(s.text) {
            let (Some(n), Some(whole), Some(num)) =
                (number::<u64>(&caps, 1), caps.get(0), caps.get(1))
            else {
                continue;
            };
            if !ends_cleanly(s.text, num.end()) {
                continue;
            }
            let p = if max {
                Proposed::MaxLength(n)
            } else {
                Proposed::MinLength(n)
            };
            found.push(s.start + whole.start(), p, s.text);
        }
    }
}

fn bounds(s: Sentence<'_>, found: &mut Found) {
    for (lazy, max) in [
        (&MAX_VALUE, true),
        (&MAX_VALUE_ZH, true),
        (&MIN_VALUE, false),
        (&MIN_VALUE_ZH, false),
    ] {
        let Some(re) = rx(lazy) else { continue };
        for caps in re.captures_iter(s.text) {
            let (Some(n), Some(whole), Some(num)) =
                (number::<i64>(&caps, 1), caps.get(0), caps.get(1))
            else {
                continue;
            };
            if !ends_cleanly(s.text, num.end()) {
                continue;
            }
            let p = if max {
                Proposed::Maximum(n)
            } else {
                Proposed::Minimum(n)
            };
            found.push(s.start + whole.start(), p, s.text);
        }
    }
    if let Some(re) = rx(&PAGES_FROM) {
        for caps in re.captures_iter(s.text) {
            let n = number::<i64>(&caps, 1).or_else(|| number::<i64>(&caps, 2));
            if let (Some(n), Some(whole)) = (n, caps.get(0)) {
                found.push(s.start + whole.start(), Proposed::Minimum(n), s.text);
            }
        }
    }
    for lazy in [&RANGE_FROM, &RANGE_BETWEEN, &RANGE_ZH] {
        let Some(re) = rx(lazy) else { continue };
        for caps in re.captures_iter(s.text) {
            let (Some(low), Some(high), Some(whole), Some(num)) = (
                number::<i64>(&caps, 1),
                number::<i64>(&caps, 2),
                caps.get(0),
                caps.get(2),
            ) else {
                continue;
            };
            let after = s.text.get(num.end()..).unwrap_or("").trim_start();
            let lower = after.to_ascii_lowercase();
            if low > high
                || !ends_cleanly(s.text, num.end())
                || continues_list(after)
                || lower.starts_with("char")
                || after.starts_with("个字符")
            {
                continue;
            }
            found.push(s.start + whole.start(), Proposed::Minimum(low), s.text);
            found.push(s.start + whole.start(), Proposed::Maximum(high), s.text);
        }
    }
}

fn is_quota(sentence: &str) -> bool {
    rx(&QUOTA).is_some_and(|r| r.is_match(sentence))
}

fn items(s: Sentence<'_>, found: &mut Found) {
    if is_quota(s.text) {
        return;
    }
    let not_items = |word: &str| {
        let w = word.trim_matches(|c| matches!(c, '`' | '"' | '\'' | '(' | ')'));
        w.is_empty()
            || rx(&NOT_ITEMS).is_none_or(|r| r.is_match(w))
            || w.starts_with(|c: char| c.is_ascii_digit())
    };
    for (lazy, max) in [(&MAX_ITEMS, true), (&MIN_ITEMS, false)] {
        let Some(re) = rx(lazy) else { continue };
        for caps in re.captures_iter(s.text) {
            let (Some(n), Some(whole), Some(noun)) =
                (number::<u64>(&caps, 1), caps.get(0), caps.get(2))
            else {
                continue;
            };
            if not_items(noun.as_str()) {
                continue;
            }
            let p = if max {
                Proposed::MaxItems(n)
            } else {
                Proposed::MinItems(n)
            };
            found.push(s.start + whole.start(), p, s.text);
        }
    }
    for lazy in [&MAX_ITEMS_PER_REQUEST, &MAX_ITEMS_N] {
        let Some(re) = rx(lazy) else { continue };
        for caps in re.captures_iter(s.text) {
            if let (Some(n), Some(whole)) = (number::<u64>(&caps, 1), caps.get(0)) {
                found.push(s.start + whole.start(), Proposed::MaxItems(n), s.text);
            }
        }
    }
    if let Some(re) = rx(&MAX_ITEMS_ZH) {
        for caps in re.captures_iter(s.text) {
            let (Some(n), Some(whole), Some(num)) =
                (number::<u64>(&caps, 1), caps.get(0), caps.get(1))
            else {
                continue;
            };
            let unit = caps.get(2).map_or("", |m| m.as_str());
            if !matches!(unit, "" | "个" | "项" | "条" | "张" | "台" | "组")
                || !ends_cleanly(s.text, num.end())
            {
                continue;
            }
            found.push(s.start + whole.start(), Proposed::MaxItems(n), s.text);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Characters

/// What one list item names: a class, or literal characters.
enum CharItem {
    Class(&'static str),
    Chars(String),
}

/// The clause a list runs to: up to the end of the sentence, a `;`, or the next clause
/// ("… but cannot start with", ", and must …").
fn clause(rest: &str) -> &str {
    let end = rx(&CLAUSE_END)
        .and_then(|r| r.find(rest))
        .map_or(rest.len(), |m| m.start());
    rest.get(..end).unwrap_or(rest).trim()
}

/// Every item of a character list, or `None` when one is not recognised.
fn char_list(list: &str) -> Option<(Vec<String>, String)> {
    let list = list.trim().trim_end_matches(['.', '。']).trim();
    if list.is_empty() {
        return None;
    }
    let normalised = rx(&LETTERS_PAIR)?.replace_all(list, "letters");
    let normalised = normalised
        .replace("大小写英文字母", "字母")
        .replace("英文大小写字母", "字母");
    let normalised = normalised.replace("大小写字母", "字母");
    let mut classes: Vec<String> = Vec::new();
    let mut chars = String::new();
    for part in rx(&LIST_SPLIT)?.split(&normalised) {
        match char_item(part)? {
            CharItem::Class(c) => {
                if !classes.iter().any(|x| x == c) {
                    classes.push(c.to_string());
                }
            }
            CharItem::Chars(s) => {
                for c in s.chars() {
                    if !chars.contains(c) {
                        chars.push(c);
                    }
                }
            }
        }
    }
    (!classes.is_empty() || !chars.is_empty()).then_some((classes, chars))
}

fn char_item(part: &str) -> Option<CharItem> {
    let part = part.trim();
    if part.is_empty() {
        return None;
    }
    // A literal in parentheses: "colons (:)", "下划线（_）".
    let mut name = part.to_string();
    if let Some(caps) = rx(&PAREN)?.captures(part) {
        let inner = caps.get(1)?.as_str();
        let whole = caps.get(0)?;
        let literal = inner.trim();
        if !inner.is_empty()
            && inner.chars().count() <= 3
            && !inner.chars().any(char::is_alphanumeric)
        {
            let lit = if literal.is_empty() { " " } else { literal };
            let lit: String = lit
                .chars()
                .filter(|c| *c != ' ' || literal.is_empty())
                .collect();
            let before = part.get(..whole.start())?.trim();
            if before.is_empty() || before.chars().any(char::is_alphanumeric) {
                return Some(CharItem::Chars(lit));
            }
            return None;
        }
        // "(case-insensitive)", "(a-z)": an explanation of the name.
        let mut n = String::new();
        n.push_str(part.get(..whole.start())?);
        n.push_str(part.get(whole.end()..)?);
        name = n;
    }
    let lower = name.trim().to_lowercase();
    let mut words: &str = &lower;
    for article in ["a ", "an ", "the ", "only ", "one or more ", "any "] {
        if let Some(rest) = words.strip_prefix(article) {
            words = rest.trim_start();
        }
    }
    let words = words.trim_end_matches(" only").trim();
    class_name(words)
        .map(CharItem::Class)
        .or_else(|| char_name(words).map(|c| CharItem::Chars(c.to_string())))
}

fn class_name(words: &str) -> Option<&'static str> {
    Some(match words {
        "letter"
        | "letters"
        | "english letter"
        | "english letters"
        | "alphabetic character"
        | "alphabetic characters"
        | "alphabet"
        | "alphabets"
        | "latin letter"
        | "latin letters"
        | "case-sensitive letters"
        | "case-insensitive letters"
        | "字母"
        | "英文字母"
        | "英文"
        | "英文字符" => "letter",
        "uppercase letter" | "uppercase letters" | "upper case letter" | "upper case letters"
        | "upper-case letters" | "capital letter" | "capital letters" | "uppercase"
        | "大写字母" | "大写英文字母" | "英文大写字母" => "uppercase",
        "lowercase letter" | "lowercase letters" | "lower case letter" | "lower case letters"
        | "lower-case letters" | "lowercase" | "小写字母" | "小写英文字母" | "英文小写字母" => {
            "lowercase"
        }
        "digit" | "digits" | "number" | "numbers" | "numeral" | "numerals"
        | "numeric character" | "numeric characters" | "arabic numerals" | "数字"
        | "阿拉伯数字" => "digit",
        "chinese character" | "chinese characters" | "chinese" | "中文" | "汉字" | "中文字符" => {
            "chinese"
        }
        _ => return None,
    })
}

fn char_name(words: &str) -> Option<&'static str> {
    let plain = words
        .trim_start_matches("english ")
        .trim_start_matches("half-width ")
        .trim_start_matches("英文")
        .trim_start_matches("半角");
    Some(match plain {
        "underscore" | "underscores" | "下划线" => "_",
        "hyphen" | "hyphens" | "dash" | "dashes" | "minus sign" | "minus signs" | "短划线"
        | "中划线" | "连字符" | "短横线" | "横线" | "中横线" => "-",
        "period" | "periods" | "dot" | "dots" | "full stop" | "full stops" | "句号" | "句点"
        | "点号" | "点" => ".",
        "colon" | "colons" | "冒号" => ":",
        "space" | "spaces" | "blank space" | "blank spaces" | "空格" => " ",
        "slash" | "slashes" | "forward slash" | "forward slashes" | "斜杠" | "正斜杠" => "/",
        "at sign" | "at signs" => "@",
        "comma" | "commas" | "逗号" => ",",
        "plus sign" | "plus signs" | "加号" => "+",
        "equal sign" | "equal signs" | "equals sign" | "equals signs" | "等号" => "=",
        _ => return None,
    })
}

fn first_char(s: Sentence<'_>, found: &mut Found) {
    if let Some(re) = rx(&FIRST_CHAR) {
        for m in re.find_iter(s.text) {
            let rest = s.text.get(m.end()..).unwrap_or("");
            if let Some((classes, chars)) = char_list(clause(rest)) {
                found.push(
                    s.start + m.start(),
                    Proposed::FirstChar { classes, chars },
                    s.text,
                );
            }
        }
    }
    if let Some(re) = rx(&FIRST_CHAR_ZH) {
        for caps in re.captures_iter(s.text) {
            let (Some(whole), Some(list)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let before = s.text.get(..whole.start()).unwrap_or("");
            if [
                "不能",
                "不可",
                "不得",
                "不允许",
                "禁止",
                "不应",
                "不可以",
                "不",
                "无需",
            ]
            .iter()
            .any(|n| before.trim_end().ends_with(n))
            {
                continue;
            }
            if let Some((classes, chars)) = char_list(list.as_str()) {
                found.push(
                    s.start + whole.start(),
                    Proposed::FirstChar { classes, chars },
                    s.text,
                );
            }
        }
    }
}

fn allowed_chars(s: Sentence<'_>, found: &mut Found) {
    if let Some(re) = rx(&ALLOWED) {
        for m in re.find_iter(s.text) {
            let before = s.text.get(..m.start()).unwrap_or("");
            if rx(&PART_SUBJECT).is_some_and(|r| r.is_match(before)) {
                continue;
            }
            let rest = s.text.get(m.end()..).unwrap_or("");
            if let Some((classes, chars)) = char_list(clause(rest)) {
                found.push(
                    s.start + m.start(),
                    Proposed::AllowedChars { classes, chars },
                    s.text,
                );
            }
        }
    }
    if let (Some(re), Some(end)) = (rx(&ALLOWED_ZH), rx(&ALLOWED_ZH_END)) {
        for m in re.find_iter(s.text) {
            let rest = s.text.get(m.end()..).unwrap_or("");
            let list = end
                .find(rest)
                .map_or(rest, |e| rest.get(..e.start()).unwrap_or(rest));
            if let Some((classes, chars)) = char_list(list) {
                found.push(
                    s.start + m.start(),
                    Proposed::AllowedChars { classes, chars },
                    s.text,
                );
            }
        }
    }
}

/// Every item of a prefix list, or `None` when one is not a prefix ("a digit").
fn prefix_list(list: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for part in rx(&LIST_SPLIT)?.split(list.trim()) {
        let part = part.trim();
        let bare = part
            .trim_matches(|c| matches!(c, '`' | '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」'));
        let prefix = match char_item(part) {
            Some(CharItem::Chars(c)) => c,
            Some(CharItem::Class(_)) => return None,
            None if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_graphic()) => {
                bare.to_string()
            }
            None => return None,
        };
        if !out.contains(&prefix) {
            out.push(prefix);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn forbidden_prefixes(s: Sentence<'_>, found: &mut Found) {
    if let Some(re) = rx(&NOT_START) {
        for m in re.find_iter(s.text) {
            let rest = s.text.get(m.end()..).unwrap_or("");
            if let Some(list) = prefix_list(clause(rest)) {
                found.push(
                    s.start + m.start(),
                    Proposed::ForbiddenPrefixes(list),
                    s.text,
                );
            }
        }
    }
    if let Some(re) = rx(&NOT_START_ZH) {
        for caps in re.captures_iter(s.text) {
            let (Some(whole), Some(list)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            if let Some(list) = prefix_list(list.as_str()) {
                found.push(
                    s.start + whole.start(),
                    Proposed::ForbiddenPrefixes(list),
                    s.text,
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Defaults and mutual exclusion

fn default(s: Sentence<'_>, subject: Subject, found: &mut Found) {
    if matches!(subject, Subject::Array | Subject::Object) {
        return;
    }
    let Some(value_re) = rx(&DEFAULT_VALUE) else {
        return;
    };
    for lazy in [&DEFAULT, &DEFAULT_ZH] {
        let Some(re) = rx(lazy) else { continue };
        for m in re.find_iter(s.text) {
            let rest = s.text.get(m.end()..).unwrap_or("");
            let Some(caps) = value_re.captures(rest) else {
                continue;
            };
            let (Some(whole), Some(value)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let after = rest.get(whole.end()..).unwrap_or("");
            let ends = after.trim().is_empty()
                || after.starts_with(['.', ',', ';', '。', '，', '；', ')', '）', '<', ':'])
                || after.trim_start().starts_with(['(', '（'])
                || after.starts_with(['、']);
            let value = value.as_str();
            let numeric = matches!(subject, Subject::Integer | Subject::Number);
            let ends = ends || numeric && rx(&UNIT_AFTER).is_some_and(|r| r.is_match(after));
            let lower = value.to_ascii_lowercase();
            let stop = [
                "the", "a", "an", "this", "that", "no", "not", "null", "none", "empty", "same",
                "current", "system",
            ];
            if !ends || stop.contains(&lower.as_str()) || !fits(value, subject) {
                continue;
            }
            found.push(
                s.start + m.start(),
                Proposed::Default(normal(value, subject)),
                s.text,
            );
        }
    }
}

fn exclusive(s: Sentence<'_>, siblings: &[&str], found: &mut Found) {
    if siblings.is_empty() {
        return;
    }
    let Some(ident) = rx(&IDENT) else { return };
    let names = |segment: &str, at: usize, found: &mut Found| {
        for m in ident.find_iter(segment) {
            let name = m.as_str();
            let name = name.strip_suffix(".N").unwrap_or(name);
            if siblings.contains(&name) {
                found.push(at, Proposed::MutuallyExclusive(name.to_string()), s.text);
            }
        }
    };
    if let Some(re) = rx(&EXCL_WITH) {
        for m in re.find_iter(s.text) {
            let rest = s.text.get(m.end()..).unwrap_or("");
            names(clause(rest), s.start + m.start(), found);
        }
    }
    if let Some(re) = rx(&EXCL_BEFORE) {
        for m in re.find_iter(s.text) {
            let after = s
                .text
                .get(m.end()..)
                .unwrap_or("")
                .trim_start()
                .to_ascii_lowercase();
            if after.starts_with("with") || after.starts_with("as ") {
                continue;
            }
            names(
                s.text.get(..m.start()).unwrap_or(""),
                s.start + m.start(),
                found,
            );
        }
    }
    for lazy in [&EXCL_ZH_WITH, &EXCL_ZH_MUTUAL] {
        let Some(re) = rx(lazy) else { continue };
        for caps in re.captures_iter(s.text) {
            if let (Some(whole), Some(group)) = (caps.get(0), caps.get(1)) {
                names(group.as_str(), s.start + whole.start(), found);
            }
        }
    }
    if let Some(re) = rx(&EXCL_ZH_BEFORE) {
        for m in re.find_iter(s.text) {
            names(
                s.text.get(..m.start()).unwrap_or(""),
                s.start + m.start(),
                found,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn got(description: &str, subject: Subject) -> Vec<Proposed> {
        with_siblings(description, subject, &[])
    }

    fn with_siblings(description: &str, subject: Subject, siblings: &[&str]) -> Vec<Proposed> {
        let all = extract(description, subject, siblings);
        for p in &all {
            assert!(description.contains(&p.says), "not verbatim: {:?}", p.says);
        }
        all.into_iter().map(|p| p.proposed).collect()
    }

    fn says(description: &str, subject: Subject) -> Vec<String> {
        extract(description, subject, &[])
            .into_iter()
            .map(|p| p.says)
            .collect()
    }

    fn chars(classes: &[&str], chars: &str) -> (Vec<String>, String) {
        (
            classes.iter().map(|c| c.to_string()).collect(),
            chars.to_string(),
        )
    }

    fn allowed(classes: &[&str], c: &str) -> Proposed {
        let (classes, chars) = chars(classes, c);
        Proposed::AllowedChars { classes, chars }
    }

    fn first(classes: &[&str], c: &str) -> Proposed {
        let (classes, chars) = chars(classes, c);
        Proposed::FirstChar { classes, chars }
    }

    fn values(list: &[&str]) -> Vec<String> {
        list.iter().map(|v| v.to_string()).collect()
    }

    fn enum_values(p: &[Proposed]) -> Option<Vec<String>> {
        p.iter().find_map(|p| match p {
            Proposed::Enum { values, .. } => Some(values.clone()),
            _ => None,
        })
    }

    fn prefixes(list: &[&str]) -> Proposed {
        Proposed::ForbiddenPrefixes(values(list))
    }

    #[test]
    fn every_pattern_compiles() {
        for (name, lazy) in ALL_PATTERNS {
            assert!(lazy.is_some(), "{name} does not compile");
        }
    }

    // --- lengths --------------------------------------------------------------------------

    #[test]
    fn length_range_english() {
        let d = "The name of the image. The name must be 2 to 128 characters in length.";
        assert_eq!(
            got(d, Subject::String),
            [Proposed::MinLength(2), Proposed::MaxLength(128)]
        );
        assert_eq!(
            says(d, Subject::String)[0],
            "The name must be 2 to 128 characters in length."
        );
    }

    #[test]
    fn length_range_hyphen_and_between() {
        assert_eq!(
            got("The name must be 1-60 characters long.", Subject::String),
            [Proposed::MinLength(1), Proposed::MaxLength(60)]
        );
        assert_eq!(
            got(
                "It contains 2 to 256 English or Chinese characters.",
                Subject::String
            ),
            [Proposed::MinLength(2), Proposed::MaxLength(256)]
        );
    }

    #[test]
    fn max_length_english() {
        for d in [
            "The tag key can be up to 64 characters in length and cannot contain http://.",
            "The value can contain only ASCII characters and cannot exceed 64 characters in length.",
            "Disk name, with a length not exceeding 64 characters.",
            "It should not exceed 64 characters.",
            "This parameter is limited to 64 characters.",
            "Its maximum length is 64 ASCII characters.",
        ] {
            assert_eq!(got(d, Subject::String), [Proposed::MaxLength(64)], "{d}");
        }
    }

    #[test]
    fn length_chinese() {
        assert_eq!(
            got("镜像名称。长度为2~128个字符。", Subject::String),
            [Proposed::MinLength(2), Proposed::MaxLength(128)]
        );
        assert_eq!(
            got("长度为 2~128 个英文或中文字符。", Subject::String),
            [Proposed::MinLength(2), Proposed::MaxLength(128)]
        );
        assert_eq!(
            got("标签键长度不超过64个字符。", Subject::String),
            [Proposed::MaxLength(64)]
        );
        assert_eq!(
            says("镜像名称。长度为2~128个字符。", Subject::String)[0],
            "长度为2~128个字符。"
        );
    }

    #[test]
    fn lengths_only_on_strings() {
        let d = "The name must be 2 to 128 characters in length.";
        assert!(got(d, Subject::Integer).is_empty());
        assert!(got(d, Subject::Array).is_empty());
    }

    #[test]
    fn conditional_lengths_keep_only_what_agrees() {
        let d = "Windows instances: 2 to 15 characters.\nOther instances: 2 to 60 characters.";
        assert_eq!(got(d, Subject::String), [Proposed::MinLength(2)]);
    }

    // --- bounds ---------------------------------------------------------------------------

    #[test]
    fn valid_values_range_is_bounds_on_integers() {
        let d = "The number of entries per page. Valid values: 1 to 100. Default value: 10.";
        assert_eq!(
            got(d, Subject::Integer),
            [
                Proposed::Minimum(1),
                Proposed::Maximum(100),
                Proposed::Default("10".into())
            ]
        );
        assert_eq!(says(d, Subject::Integer)[0], "Valid values: 1 to 100.");
    }

    #[test]
    fn value_range_and_interval() {
        assert_eq!(
            got("Port. Value range: 0-65535.", Subject::Integer),
            [Proposed::Minimum(0), Proposed::Maximum(65535)]
        );
        assert_eq!(
            got("Valid range: [1, 50].", Subject::Integer),
            [Proposed::Minimum(1), Proposed::Maximum(50)]
        );
        assert_eq!(
            got(
                "The affinity value range is: 1-10, and defaults to 1.",
                Subject::Integer
            ),
            [
                Proposed::Minimum(1),
                Proposed::Maximum(10),
                Proposed::Default("1".into())
            ]
        );
    }

    #[test]
    fn maximum_and_minimum_values() {
        assert_eq!(
            got(
                "Number of results returned; default value: 20; maximum: 100.",
                Subject::Integer
            ),
            [Proposed::Default("20".into()), Proposed::Maximum(100)]
        );
        assert_eq!(
            got("Minimum value: 1. Maximum value: 50.", Subject::Integer),
            [Proposed::Minimum(1), Proposed::Maximum(50)]
        );
    }

    #[test]
    fn bounds_chinese() {
        assert_eq!(
            got("分页大小。取值范围：1~100。默认值：10。", Subject::Integer),
            [
                Proposed::Minimum(1),
                Proposed::Maximum(100),
                Proposed::Default("10".into())
            ]
        );
        assert_eq!(
            got("最大值：100。", Subject::Integer),
            [Proposed::Maximum(100)]
        );
        assert_eq!(got("最小值为1。", Subject::Integer), [Proposed::Minimum(1)]);
    }

    #[test]
    fn range_on_a_string_is_nothing() {
        assert!(got("Valid values: 1 to 100.", Subject::String).is_empty());
    }

    // --- item counts ----------------------------------------------------------------------

    #[test]
    fn max_items_english() {
        for d in [
            "The tags of the image. You can specify up to 20 tags.",
            "A maximum of 20 instances can be specified at a time.",
            "You can query at most 20 values.",
            "The value can be a JSON array that consists of up to 20 image IDs.",
            "The maximum number of instances in each request is 20.",
            "Each request can have up to 20 `Filters`, and 5 `Filters.Values` for each filter.",
            "Valid values of N: 1 to 20.",
        ] {
            assert_eq!(got(d, Subject::Array), [Proposed::MaxItems(20)], "{d}");
        }
    }

    #[test]
    fn max_items_chinese() {
        assert_eq!(
            got("标签列表。最多支持20个。", Subject::Array),
            [Proposed::MaxItems(20)]
        );
        assert_eq!(
            got("最多可添加20个标签。", Subject::Array),
            [Proposed::MaxItems(20)]
        );
    }

    #[test]
    fn quota_sentences_are_not_item_counts() {
        for d in [
            "Each account can create up to 15 custom images.",
            "The maximum number of custom images that you can create is 3 times the number of \
             simple application servers that you have, but cannot exceed 15.",
            "Each user can configure up to 50 security groups per project in each region.",
            "A maximum of 10 requests can be initiated per second for this API.",
            "每个账号最多可创建15个自定义镜像。",
            "Each tag key can be up to 64 characters in length.",
        ] {
            assert!(got(d, Subject::Array).is_empty(), "{d}");
            assert!(got(d, Subject::Integer).is_empty(), "{d}");
        }
    }

    #[test]
    fn differing_counts_propose_none() {
        let d = "You can specify 21 data disks, which can contain at most 1 LOCAL_BASIC data disk, \
                 and at most 20 CLOUD_BASIC data disks.";
        assert!(got(d, Subject::Array).is_empty());
    }

    // --- characters -----------------------------------------------------------------------

    #[test]
    fn allowed_chars_english() {
        let d =
            "The name can contain letters, digits, colons (:), underscores (_), and hyphens (-).";
        assert_eq!(
            got(d, Subject::String),
            [allowed(&["letter", "digit"], ":_-")]
        );
        let d = "Valid characters: Letters, numbers, hyphens and underscores";
        assert_eq!(
            got(d, Subject::String),
            [allowed(&["letter", "digit"], "-_")]
        );
        let d = "It can contain uppercase and lowercase letters, digits, periods (.) and spaces.";
        assert_eq!(
            got(d, Subject::String),
            [allowed(&["letter", "digit"], ". ")]
        );
    }

    #[test]
    fn allowed_chars_with_an_unknown_item_is_nothing() {
        for d in [
            "The password can contain letters, digits and special characters.",
            "The value can contain only ASCII characters and cannot exceed 64 characters.",
            "The name can contain both Chinese characters and English letters.",
        ] {
            assert!(
                !got(d, Subject::String)
                    .iter()
                    .any(|p| p.keyword() == "allowedChars"),
                "{d}"
            );
        }
    }

    #[test]
    fn allowed_chars_chinese() {
        let d = "可包含数字、英文冒号（:）、下划线（_）或者短划线（-）。";
        assert_eq!(got(d, Subject::String), [allowed(&["digit"], ":_-")]);
        let d = "由字母、数字和下划线组成。";
        assert_eq!(
            got(d, Subject::String),
            [allowed(&["letter", "digit"], "_")]
        );
    }

    #[test]
    fn first_char_english() {
        let d = "The name must start with a letter or a digit.";
        assert_eq!(got(d, Subject::String), [first(&["letter", "digit"], "")]);
        let d = "It must start with a letter or Chinese character.";
        assert_eq!(got(d, Subject::String), [first(&["letter", "chinese"], "")]);
    }

    #[test]
    fn first_char_and_forbidden_prefixes_in_one_sentence() {
        let d = "It must start with a letter but cannot start with http:// or https://.";
        assert_eq!(
            got(d, Subject::String),
            [first(&["letter"], ""), prefixes(&["http://", "https://"])]
        );
        let d = "The name must start with a letter and cannot start with `acs:` or `aliyun`.";
        assert_eq!(
            got(d, Subject::String),
            [first(&["letter"], ""), prefixes(&["acs:", "aliyun"])]
        );
    }

    #[test]
    fn first_char_chinese() {
        let d = "必须以大小写字母或中文开头，不能以 http:// 或 https:// 开头。";
        assert_eq!(
            got(d, Subject::String),
            [
                first(&["letter", "chinese"], ""),
                prefixes(&["http://", "https://"])
            ]
        );
    }

    #[test]
    fn forbidden_prefixes() {
        assert_eq!(
            got(
                "The tag key cannot start with acs: or aliyun.",
                Subject::String
            ),
            [prefixes(&["acs:", "aliyun"])]
        );
        assert_eq!(
            got("It cannot start with aliyun or acs:", Subject::String),
            [prefixes(&["aliyun", "acs:"])]
        );
        assert_eq!(
            got("It cannot start with a hyphen (-).", Subject::String),
            [prefixes(&["-"])]
        );
        assert_eq!(
            got("标签键不能以aliyun、acs:开头。", Subject::String),
            [prefixes(&["aliyun", "acs:"])]
        );
    }

    #[test]
    fn a_class_is_not_a_prefix() {
        assert!(got("The name cannot start with a digit.", Subject::String).is_empty());
        assert!(got("不能以数字开头。", Subject::String).is_empty());
    }

    #[test]
    fn the_whole_alibaba_name_rule_chinese() {
        let d = "镜像名称。长度为2~128个字符，必须以大小写字母或中文开头，不能以http://和https://开头。\
                 可包含数字、半角冒号（:）、下划线（_）或者短划线（-）。";
        assert_eq!(
            got(d, Subject::String),
            [
                Proposed::MinLength(2),
                Proposed::MaxLength(128),
                first(&["letter", "chinese"], ""),
                prefixes(&["http://", "https://"]),
                allowed(&["digit"], ":_-"),
            ]
        );
    }

    // --- enums ----------------------------------------------------------------------------

    #[test]
    fn enum_bullets_with_default() {
        let d = "Whether to force power-off.\nValid values:\n• true: power off first\n• false: \
                 stay on\nDefault value: false.\nMore text.";
        let all = extract(d, Subject::String, &[]);
        assert_eq!(
            all.iter().map(|p| p.proposed.clone()).collect::<Vec<_>>(),
            [
                Proposed::Enum {
                    values: values(&["true", "false"]),
                    descriptions: vec![
                        ("true".into(), "power off first".into()),
                        ("false".into(), "stay on".into())
                    ],
                },
                Proposed::Default("false".into()),
            ]
        );
        assert_eq!(
            all[0].says,
            "Valid values:\n• true: power off first\n• false: stay on"
        );
        assert_eq!(all[1].says, "Default value: false.");
    }

    #[test]
    fn enum_inline() {
        let d = "Whether to enable Sysprep.\nValid values: TRUE and FALSE; default value: FALSE.";
        assert_eq!(
            got(d, Subject::String),
            [
                Proposed::Enum {
                    values: values(&["TRUE", "FALSE"]),
                    descriptions: vec![]
                },
                Proposed::Default("FALSE".into())
            ]
        );
        let d = "Valid values: `RAW`, `QCOW2`, `VHD` and `VMDK`.";
        assert_eq!(
            enum_values(&got(d, Subject::String)),
            Some(values(&["RAW", "QCOW2", "VHD", "VMDK"]))
        );
        let d = "Valid values: `AVAILABLE`: available; `UNAVAILABLE`: unavailable.";
        assert_eq!(
            got(d, Subject::String),
            [Proposed::Enum {
                values: values(&["AVAILABLE", "UNAVAILABLE"]),
                descriptions: vec![
                    ("AVAILABLE".into(), "available".into()),
                    ("UNAVAILABLE".into(), "unavailable".into())
                ],
            }]
        );
    }

    #[test]
    fn enum_html_list() {
        let d = "Instance billing plan. Valid values: <br><li>POSTPAID_BY_HOUR: pay after use. You are \
                 billed by the hour.<br><li>`CDHPAID`: billed for CDH.</li>";
        let all = extract(d, Subject::String, &[]);
        assert_eq!(all.len(), 1);
        assert_eq!(
            all[0].proposed,
            Proposed::Enum {
                values: values(&["POSTPAID_BY_HOUR", "CDHPAID"]),
                descriptions: vec![
                    (
                        "POSTPAID_BY_HOUR".into(),
                        "pay after use. You are billed by the hour.".into()
                    ),
                    ("CDHPAID".into(), "billed for CDH.".into())
                ],
            }
        );
        assert!(
            all[0]
                .says
                .starts_with("Valid values: <br><li>POSTPAID_BY_HOUR")
        );
        assert!(all[0].says.ends_with("billed for CDH."));
    }

    #[test]
    fn enum_lines_without_bullets() {
        let d = "Valid values:\n`TencentCloud`: official license\n`BYOL`: Bring Your Own License\nNote: x";
        assert_eq!(
            enum_values(&got(d, Subject::String)),
            Some(values(&["TencentCloud", "BYOL"]))
        );
    }

    #[test]
    fn enum_of_booleans_is_lower_case() {
        let d = "Valid values: <br><li>TRUE: force<br><li>FALSE: do not force<br><br>Default value: FALSE.";
        let all = got(d, Subject::Boolean);
        assert_eq!(enum_values(&all), Some(values(&["true", "false"])));
        assert!(all.contains(&Proposed::Default("false".into())));
        // Other values are not booleans.
        assert!(
            got(
                "Valid values: <li>ON: on</li><li>OFF: off</li>",
                Subject::Boolean
            )
            .is_empty()
        );
    }

    #[test]
    fn enum_of_integers() {
        let d = "Subscription period. Valid values: 1, 2, 3, 6, 12.";
        assert_eq!(
            enum_values(&got(d, Subject::Integer)),
            Some(values(&["1", "2", "3", "6", "12"]))
        );
        assert!(got("Valid values: A, B.", Subject::Integer).is_empty());
    }

    #[test]
    fn enum_chinese_with_default_item() {
        let d = "是否附带数据盘。取值：\n- true：附带数据盘\n- false：默认值，不附带数据盘";
        let all = extract(d, Subject::Boolean, &[]);
        let kinds: Vec<_> = all.iter().map(|p| p.proposed.clone()).collect();
        assert_eq!(enum_values(&kinds), Some(values(&["true", "false"])));
        assert!(kinds.contains(&Proposed::Default("false".into())));
        let default = all.iter().find(|p| p.proposed.keyword() == "default");
        assert_eq!(
            default.map(|p| p.says.as_str()),
            Some("false：默认值，不附带数据盘")
        );
        assert_eq!(
            enum_values(&got("取值：true、false。默认值：false。", Subject::String)),
            Some(values(&["true", "false"]))
        );
    }

    #[test]
    fn enum_needs_values_not_prose() {
        assert!(
            got(
                "Valid values: See Regions and Availability Zones.",
                Subject::String
            )
            .is_empty()
        );
        assert!(
            got(
                "Valid values: All Upfront, Partial Upfront, and No Upfront.",
                Subject::String
            )
            .is_empty()
        );
        assert!(
            got(
                "Valid values:\n<li>For instances created with PREPAID, …</li><li>x: y</li>",
                Subject::String
            )
            .is_empty()
        );
        // "Valid values of N" is about the index of a repeated parameter.
        assert!(got("Valid values of N: 1 to 20.", Subject::String).is_empty());
        // An empty list in the copy.
        assert_eq!(
            got("Default value: false. Valid values:", Subject::String),
            [Proposed::Default("false".into())]
        );
    }

    #[test]
    fn enums_only_on_scalars() {
        let d = "Valid values: <li>A: a</li><li>B: b</li>";
        assert!(got(d, Subject::Array).is_empty());
        assert!(got(d, Subject::Object).is_empty());
    }

    #[test]
    fn enum_with_default_marks_and_sub_bullets() {
        let d = "The scenario. Valid values:\n- CreateEcs (default): instance creation.\n- ChangeOS: \
                 system disk replacement.";
        let all = got(d, Subject::String);
        assert_eq!(enum_values(&all), Some(values(&["CreateEcs", "ChangeOS"])));
        assert!(all.contains(&Proposed::Default("CreateEcs".into())));
        let d = "The source. Valid values:\n- system: Alibaba Cloud images.\n- others: shared images. \
                 Note the following:\n- To find community images, IsPublic must be true.\n- self: \
                 your own images.\nDefault value: empty.";
        assert_eq!(
            enum_values(&got(d, Subject::String)),
            Some(values(&["system", "others", "self"]))
        );
        let d = "The architecture. Valid values:\n- i386.\n- x86_64.\n- arm64.";
        assert_eq!(
            enum_values(&got(d, Subject::String)),
            Some(values(&["i386", "x86_64", "arm64"]))
        );
    }

    #[test]
    fn conditional_sentences_are_not_constraints() {
        let d = "The filter value.\n- When `Filter.N.Key` is set to `CpuOnlineUpgrade`, valid values are \
                 `supported` and `unsupported`.";
        assert!(got(d, Subject::String).is_empty());
        assert!(
            got(
                "For Windows instances: the hostname can contain 2 to 15 characters.",
                Subject::String
            )
            .is_empty()
        );
        assert!(got("当实例为Windows时，长度为2~15个字符。", Subject::String).is_empty());
        // A default may be stated under a condition ("if you leave it empty").
        assert_eq!(
            got(
                "If you do not specify this parameter, the default value is 10.",
                Subject::Integer
            ),
            [Proposed::Default("10".into())]
        );
    }

    #[test]
    fn pages_start_from_one() {
        assert_eq!(
            got(
                "The page number. Pages start from page 1.",
                Subject::Integer
            ),
            [Proposed::Minimum(1)]
        );
        assert_eq!(
            got("页码从1开始。", Subject::Integer),
            [Proposed::Minimum(1)]
        );
        assert!(got("Pages start from page 1.", Subject::String).is_empty());
    }

    // --- defaults -------------------------------------------------------------------------

    #[test]
    fn defaults() {
        for (d, v) in [
            ("Default value: false.", "false"),
            ("Default: 20", "20"),
            ("The default value is `0`.", "0"),
            ("Which defaults to Replace.", "Replace"),
            ("默认值：false。", "false"),
            ("默认为 20。", "20"),
        ] {
            let subject = if v.parse::<i64>().is_ok() {
                Subject::Integer
            } else {
                Subject::String
            };
            assert_eq!(got(d, subject), [Proposed::Default(v.into())], "{d}");
        }
        assert_eq!(
            got(
                "System disk size; unit: GiB; default value: 50 GiB.",
                Subject::Integer
            ),
            [Proposed::Default("50".into())]
        );
    }

    #[test]
    fn not_defaults() {
        for d in [
            "The region ID. If you leave it empty, the default region is used.",
            "This parameter is empty by default.",
            "By default, the image includes both the system disk and data disks.",
            "The default value is the ID of the current region.",
            "If not specified, the default security group is bound.",
            "默认值：无。",
        ] {
            assert!(got(d, Subject::String).is_empty(), "{d}");
        }
        // A default of the wrong kind.
        assert!(got("Default value: fast.", Subject::Integer).is_empty());
        assert!(got("Default value: yes.", Subject::Boolean).is_empty());
    }

    #[test]
    fn default_outside_the_enum_is_dropped() {
        let d = "Valid values: A and B. Default value: C.";
        assert_eq!(
            got(d, Subject::String),
            [Proposed::Enum {
                values: values(&["A", "B"]),
                descriptions: vec![]
            }]
        );
    }

    // --- mutual exclusion -----------------------------------------------------------------

    #[test]
    fn mutually_exclusive_english() {
        let siblings = ["InstanceId", "ImageName", "Filters"];
        let d = "Specified snapshot ID. A system disk snapshot must be included. It cannot be passed \
                 together with InstanceId.";
        let all = extract(d, Subject::Array, &siblings);
        assert_eq!(all.len(), 1);
        assert_eq!(
            all[0].proposed,
            Proposed::MutuallyExclusive("InstanceId".into())
        );
        assert_eq!(all[0].says, "It cannot be passed together with InstanceId.");
        assert_eq!(
            with_siblings(
                "`ImageIds` and `Filters` cannot be specified at the same time.",
                Subject::Array,
                &siblings
            ),
            [Proposed::MutuallyExclusive("Filters".into())]
        );
        assert_eq!(
            with_siblings(
                "It cannot be specified at the same time as `ImageName`.",
                Subject::String,
                &siblings
            ),
            [Proposed::MutuallyExclusive("ImageName".into())]
        );
        assert_eq!(
            with_siblings(
                "Cannot be specified simultaneously with InstanceId or Filters.N.",
                Subject::String,
                &siblings
            ),
            [
                Proposed::MutuallyExclusive("InstanceId".into()),
                Proposed::MutuallyExclusive("Filters".into())
            ]
        );
    }

    #[test]
    fn mutually_exclusive_chinese() {
        let siblings = ["InstanceId", "SnapshotIds"];
        assert_eq!(
            with_siblings(
                "快照ID列表。不能与InstanceId同时指定。",
                Subject::Array,
                &siblings
            ),
            [Proposed::MutuallyExclusive("InstanceId".into())]
        );
        assert_eq!(
            with_siblings(
                "InstanceId和SnapshotIds不能同时指定。",
                Subject::String,
                &["SnapshotIds"]
            ),
            [Proposed::MutuallyExclusive("SnapshotIds".into())]
        );
    }

    #[test]
    fn mutually_exclusive_only_with_siblings() {
        let d = "It cannot be passed together with InstanceId.";
        assert!(with_siblings(d, Subject::String, &["ImageName"]).is_empty());
        assert!(with_siblings(d, Subject::String, &[]).is_empty());
        // Naming a sibling is not enough.
        assert!(
            with_siblings(
                "Required when InstanceId is set.",
                Subject::String,
                &["InstanceId"]
            )
            .is_empty()
        );
    }

    // --- negatives and general behaviour --------------------------------------------------

    #[test]
    fn plain_descriptions_propose_nothing() {
        for (d, subject) in [
            ("The ID of the instance.", Subject::String),
            (
                "The region ID. You can call the ListRegions operation to query the most recent region list.",
                Subject::String,
            ),
            ("The tag key cannot be an empty string.", Subject::String),
            (
                "For example, the name can be 2 to 128 characters in length.",
                Subject::String,
            ),
            ("Example: a value between 1 and 100.", Subject::Integer),
            (
                "Specifies the discount for a one-year advance payment, such as 20.0 for 80% off.",
                Subject::Number,
            ),
            (
                "Execution time, for example, 2018-05-29T11:26:40Z.",
                Subject::String,
            ),
            ("User data of at most 16 KB.", Subject::String),
            (
                "Note: This field may return null, indicating that no valid values can be obtained.",
                Subject::String,
            ),
            (
                "If the instance is running, the default semantics apply: a soft shutdown.",
                Subject::String,
            ),
            ("", Subject::String),
        ] {
            assert!(got(d, subject).is_empty(), "{d}");
        }
    }

    #[test]
    fn each_section_is_not_the_whole_value() {
        let d = "Each section can contain letters (case insensitive), digits, and hyphens (-).";
        assert!(got(d, Subject::String).is_empty());
    }

    #[test]
    fn no_duplicates_and_in_order() {
        let d = "Default value: 5. Maximum value: 10. Default value: 5. Minimum value: 1.";
        assert_eq!(
            got(d, Subject::Integer),
            [
                Proposed::Default("5".into()),
                Proposed::Maximum(10),
                Proposed::Minimum(1)
            ]
        );
        assert_eq!(
            extract(d, Subject::Integer, &[]),
            extract(d, Subject::Integer, &[])
        );
    }

    #[test]
    fn contradicting_bounds_are_dropped() {
        assert!(got("Minimum value: 10. Maximum value: 5.", Subject::Integer).is_empty());
    }

    #[test]
    fn keywords() {
        let all = [
            (Proposed::MinLength(1), "minLength"),
            (Proposed::MaxLength(1), "maxLength"),
            (Proposed::Minimum(1), "minimum"),
            (Proposed::Maximum(1), "maximum"),
            (Proposed::MinItems(1), "minItems"),
            (Proposed::MaxItems(1), "maxItems"),
            (first(&[], "a"), "firstChar"),
            (allowed(&[], "a"), "allowedChars"),
            (prefixes(&[]), "forbiddenPrefixes"),
            (
                Proposed::Enum {
                    values: vec![],
                    descriptions: vec![],
                },
                "enum",
            ),
            (Proposed::Default(String::new()), "default"),
            (
                Proposed::MutuallyExclusive(String::new()),
                "mutuallyExclusive",
            ),
        ];
        for (p, k) in all {
            assert_eq!(p.keyword(), k);
        }
    }

    // --- robustness -----------------------------------------------------------------------

    fn check_all_subjects(d: &str, siblings: &[&str]) {
        for subject in [
            Subject::String,
            Subject::Integer,
            Subject::Number,
            Subject::Boolean,
            Subject::Array,
            Subject::Object,
        ] {
            for p in extract(d, subject, siblings) {
                assert!(!p.says.is_empty());
                assert!(d.contains(&p.says), "not verbatim: {:?} in {d:?}", p.says);
            }
        }
    }

    /// Pieces of the vendors' prose, for strings that reach deep into the patterns.
    const PIECES: &[&str] = &[
        "Valid values:",
        "取值：",
        "<li>",
        "</li>",
        "<br>",
        "\n",
        "• ",
        "- ",
        "`",
        "true",
        ": ",
        "：",
        "1 to 100",
        "~",
        "个字符",
        "characters",
        " up to ",
        "20 tags",
        "Default value: ",
        "默认值",
        "must start with a letter",
        " or ",
        "、",
        "（_）",
        "(-)",
        "cannot start with ",
        "不能以",
        "开头",
        "不能与",
        "同时指定",
        "InstanceId",
        " cannot be passed together with ",
        ". ",
        "。",
        "can contain letters, digits",
        "[1, ",
        "]",
        "-",
        "0",
        "99999999999999999999",
        "é",
        "\u{0}",
        "<",
        ">",
        "(",
        ")",
        "；",
        ";",
        " and ",
    ];

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(d in "\\PC{0,200}") {
            check_all_subjects(&d, &["InstanceId", "Filters"]);
        }

        #[test]
        fn never_panics_on_prose_fragments(parts in prop::collection::vec(
            prop_oneof![prop::sample::select(PIECES).prop_map(String::from), "\\PC{0,4}"],
            0..40,
        )) {
            check_all_subjects(&parts.concat(), &["InstanceId", "Filters"]);
        }
    }

    /// Every member description in the Tencent CVM metadata (`metadata/tencent/cvm/…/api.json`
    /// in the repository): no panic, every `says` verbatim, and a plausible number of proposals.
    #[test]
    fn every_cvm_metadata_description() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../metadata/tencent/cvm/2017-03-12/api.json");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let api: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let objects = api.get("objects").and_then(|o| o.as_object());
        let mut documents = 0;
        let mut proposals = 0;
        for object in objects.into_iter().flat_map(|o| o.values()) {
            let members = object.get("members").and_then(|m| m.as_array());
            let members: Vec<&serde_json::Value> = members.into_iter().flatten().collect();
            let names: Vec<&str> = members
                .iter()
                .filter_map(|m| m.get("name")?.as_str())
                .collect();
            for member in &members {
                let Some(d) = member.get("document").and_then(|d| d.as_str()) else {
                    continue;
                };
                documents += 1;
                check_all_subjects(d, &names);
                let subject = match member.get("type").and_then(|t| t.as_str()) {
                    Some("string") => Subject::String,
                    Some("int") => Subject::Integer,
                    Some("float") => Subject::Number,
                    Some("bool") => Subject::Boolean,
                    Some("list") => Subject::Array,
                    _ => Subject::Object,
                };
                proposals += extract(d, subject, &names).len();
            }
        }
        assert!(
            documents > 900,
            "only {documents} documents read from {}",
            path.display()
        );
        assert!(
            (150..=600).contains(&proposals),
            "{proposals} proposals on {documents} documents"
        );
    }
}
