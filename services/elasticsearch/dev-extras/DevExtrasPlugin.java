/*
 * dev-extras: a tiny Elasticsearch 8 plugin for the LOCAL DEV/TEST node started
 * by scripts/elasticsearch.sh. It is compiled at start-up (javac) against the
 * exact Elasticsearch distribution that is being run, so its API always matches.
 *
 * Why it exists: the only complete, official Elasticsearch 8 build that Maven
 * Central serves is the "integ-test-zip" distribution
 * (org.elasticsearch.distribution.integ-test-zip:elasticsearch). It contains the
 * real server, but only the transport-netty4, x-pack-core/-security and apm
 * modules. It lacks:
 *   - the "rest-root" module (GET / and HEAD /, i.e. client.info()/ping()), and
 *   - the "analysis-common" module (lowercase/ngram/edge_ngram tokenizers,
 *     asciifolding, german_normalization, stemmer, language analyzers, ...).
 * This plugin provides those endpoints/components under the same names and
 * with the same settings, as thin wrappers around the very same Lucene classes
 * that Elasticsearch's own modules use (lucene-analysis-common ships in the
 * distribution's lib/). Everything else (mappings, geo_point, queries,
 * aggregations, the HTTP layer, the X-Elastic-Product header) is the real
 * Elasticsearch server.
 *
 * NOT provided (would need the real modules): painless scripts, reindex /
 * update_by_query / delete_by_query, mapper-extras field types
 * (search_as_you_type, scaled_float, rank_feature, token_count,
 * match_only_text), synonym filters, ingest processors, data streams.
 */
package localdev.elasticsearch;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.de.GermanStemFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.path.PathHierarchyTokenizer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.Build;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.env.Environment;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.io.IOException;
import java.io.Reader;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

public class DevExtrasPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private final AtomicReference<ClusterService> clusterService = new AtomicReference<>();

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService.set(services.clusterService());
        return List.of();
    }

    // ------------------------------------------------------------------ GET / (rest-root)

    @Override
    public Collection<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry namedWriteableRegistry,
                                                   RestController restController, ClusterSettings clusterSettings,
                                                   IndexScopedSettings indexScopedSettings, SettingsFilter settingsFilter,
                                                   IndexNameExpressionResolver indexNameExpressionResolver,
                                                   Supplier<DiscoveryNodes> nodesInCluster,
                                                   Predicate<NodeFeature> clusterSupportsFeature) {
        return List.of(new RootHandler(clusterService));
    }

    static final class RootHandler extends BaseRestHandler {
        private final AtomicReference<ClusterService> clusterService;

        RootHandler(AtomicReference<ClusterService> clusterService) {
            this.clusterService = clusterService;
        }

        @Override
        public String getName() {
            return "main_action";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, org.elasticsearch.client.internal.node.NodeClient client) {
            return channel -> {
                ClusterService cs = clusterService.get();
                Build build = Build.current();
                XContentBuilder b = channel.newBuilder();
                b.startObject();
                b.field("name", cs.getNodeName());
                b.field("cluster_name", cs.getClusterName().value());
                b.field("cluster_uuid", cs.state().metadata().clusterUUID());
                b.startObject("version")
                    .field("number", build.qualifiedVersion())
                    .field("build_flavor", build.flavor())
                    .field("build_type", build.type().displayName())
                    .field("build_hash", build.hash())
                    .field("build_date", build.date())
                    .field("build_snapshot", build.isSnapshot())
                    .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                    .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                    .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                    .endObject();
                b.field("tagline", "You Know, for Search");
                b.endObject();
                channel.sendResponse(new RestResponse(RestStatus.OK, b));
            };
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int ngramDiffCheck(IndexSettings indexSettings, int minGram, int maxGram, String what) {
        int maxAllowed = indexSettings.getMaxNgramDiff();
        int diff = maxGram - minGram;
        if (diff > maxAllowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in " + what
                + " must be less than or equal to: [" + maxAllowed + "] but was [" + diff
                + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                + "] index level setting.");
        }
        return diff;
    }

    /** token_chars handling as in Elasticsearch's CharMatcher. */
    static Predicate<Integer> tokenChars(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes == null || classes.isEmpty()) {
            return null;
        }
        String custom = settings.get("custom_token_chars", "");
        Set<Integer> customChars = new HashSet<>();
        custom.codePoints().forEach(customChars::add);
        Predicate<Integer> p = c -> false;
        for (String cls : classes) {
            switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> p = p.or(Character::isLetter);
                case "digit" -> p = p.or(Character::isDigit);
                case "whitespace" -> p = p.or(Character::isWhitespace);
                case "punctuation" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                });
                case "symbol" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL,
                        Character.MODIFIER_SYMBOL -> true;
                    default -> false;
                });
                case "custom" -> {
                    if (customChars.isEmpty()) {
                        throw new IllegalArgumentException("Token type: [custom] requires setting [custom_token_chars]");
                    }
                    p = p.or(customChars::contains);
                }
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls
                    + "', must be one of [symbol, custom, digit, whitespace, letter, punctuation]");
            }
        }
        return p;
    }

    /**
     * The "lowercase" tokenizer: splits on non-letters and lower-cases (what Elasticsearch's own
     * LowerCaseTokenizer does; Lucene 9 dropped its version and CharTokenizer is final).
     */
    static final class LowerCaseTokenizer extends Tokenizer {
        private static final int MAX_TOKEN_LENGTH = 255;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private String text;
        private int pos;

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            if (text == null) {
                StringBuilder all = new StringBuilder();
                char[] buf = new char[4096];
                int n;
                while ((n = input.read(buf)) != -1) {
                    all.append(buf, 0, n);
                }
                text = all.toString();
            }
            int n = text.length();
            while (pos < n && Character.isLetter(text.codePointAt(pos)) == false) {
                pos += Character.charCount(text.codePointAt(pos));
            }
            if (pos >= n) {
                return false;
            }
            int start = pos;
            StringBuilder sb = new StringBuilder();
            while (pos < n && sb.length() < MAX_TOKEN_LENGTH) {
                int c = text.codePointAt(pos);
                if (Character.isLetter(c) == false) {
                    break;
                }
                sb.appendCodePoint(Character.toLowerCase(c));
                pos += Character.charCount(c);
            }
            term.setEmpty().append(sb);
            offset.setOffset(correctOffset(start), correctOffset(pos));
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            int finalOffset = correctOffset(text == null ? 0 : text.length());
            offset.setOffset(finalOffset, finalOffset);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            text = null;
            pos = 0;
        }
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static TokenStream stem(TokenStream ts, String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        switch (lang) {
            case "english", "porter":
                return new PorterStemFilter(ts);
            case "light_english", "kstem":
                return new KStemFilter(ts);
            case "minimal_english":
                return new EnglishMinimalStemFilter(ts);
            case "possessive_english":
                return new EnglishPossessiveFilter(ts);
            case "porter2":
                return new SnowballFilter(ts, "English");
            case "german":
                return new SnowballFilter(ts, "German");
            case "german2":
                return new SnowballFilter(ts, "German2");
            case "light_german":
                return new GermanLightStemFilter(ts);
            case "minimal_german":
                return new GermanMinimalStemFilter(ts);
            case "light_french":
                return new FrenchLightStemFilter(ts);
            case "minimal_french":
                return new FrenchMinimalStemFilter(ts);
            default:
                String snowball = Character.toUpperCase(lang.charAt(0)) + lang.substring(1);
                return new SnowballFilter(ts, snowball);
        }
    }

    private static void checkStemmerLanguage(String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        Set<String> builtin = Set.of("english", "porter", "light_english", "kstem", "minimal_english",
            "possessive_english", "porter2", "german", "german2", "light_german", "minimal_german",
            "light_french", "minimal_french");
        if (builtin.contains(lang)) {
            return;
        }
        String cls = "org.tartarus.snowball.ext." + Character.toUpperCase(lang.charAt(0)) + lang.substring(1) + "Stemmer";
        try {
            Class.forName(cls);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Unknown stemmer language [" + language + "] (dev-extras plugin)");
        }
    }

    // ------------------------------------------------------------------ char filters

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> m = new TreeMap<>();
        m.put("html_strip", (is, env, name, s) -> {
            Set<String> escaped = new HashSet<>(s.getAsList("escaped_tags", List.of()));
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return escaped.isEmpty() ? new HTMLStripCharFilter(reader) : new HTMLStripCharFilter(reader, escaped);
                }
            };
        });
        m.put("mapping", requiresSettings((is, env, name, s) -> {
            List<String> rules = Analysis.getWordList(env, s, "mappings");
            if (rules == null) {
                throw new IllegalArgumentException("mapping requires either `mappings` or `mappings_path` to be configured");
            }
            NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            Pattern rx = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");
            for (String rule : rules) {
                var mt = rx.matcher(rule);
                if (mt.find() == false) {
                    throw new RuntimeException("Invalid mapping rule : [" + rule + "]");
                }
                String lhs = unescape(mt.group(1).trim());
                String rhs = unescape(mt.group(2).trim());
                if (lhs.isEmpty()) {
                    throw new RuntimeException("Invalid mapping rule: [" + rule + "]. Illegal mapping.");
                }
                builder.add(lhs, rhs);
            }
            NormalizeCharMap map = builder.build();
            return new NormalizingMappingCharFilter(name, map);
        }));
        m.put("pattern_replace", requiresSettings((is, env, name, s) -> {
            String pattern = s.get("pattern");
            if (pattern == null) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] char filter of type 'pattern_replace'");
            }
            Pattern p = Pattern.compile(pattern);
            String replacement = s.get("replacement", "");
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new PatternReplaceCharFilter(p, replacement, reader);
                }
            };
        }));
        return m;
    }

    static final class NormalizingMappingCharFilter extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private final NormalizeCharMap map;

        NormalizingMappingCharFilter(String name, NormalizeCharMap map) {
            super(name);
            this.map = map;
        }

        @Override
        public Reader create(Reader reader) {
            return new MappingCharFilter(map, reader);
        }
    }

    // ------------------------------------------------------------------ tokenizers

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new TreeMap<>();
        m.put("lowercase", (is, env, name, s) -> simpleTokenizer(is, s, name, LowerCaseTokenizer::new));
        m.put("letter", (is, env, name, s) -> simpleTokenizer(is, s, name, LetterTokenizer::new));
        m.put("whitespace", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return simpleTokenizer(is, s, name, () -> new WhitespaceTokenizer(
                org.apache.lucene.analysis.TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, max));
        });
        m.put("keyword", (is, env, name, s) -> {
            int buf = s.getAsInt("buffer_size", 256);
            return simpleTokenizer(is, s, name, () -> new KeywordTokenizer(buf));
        });
        m.put("classic", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return simpleTokenizer(is, s, name, () -> {
                ClassicTokenizer t = new ClassicTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        m.put("uax_url_email", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return simpleTokenizer(is, s, name, () -> {
                UAX29URLEmailTokenizer t = new UAX29URLEmailTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        m.put("pattern", (is, env, name, s) -> {
            Pattern p = Pattern.compile(s.get("pattern", "\\W+"));
            int group = s.getAsInt("group", -1);
            return simpleTokenizer(is, s, name, () -> new PatternTokenizer(p, group));
        });
        m.put("path_hierarchy", (is, env, name, s) -> {
            char delimiter = s.get("delimiter", "/").charAt(0);
            String replacement = s.get("replacement");
            char repl = replacement == null ? delimiter : replacement.charAt(0);
            int skip = s.getAsInt("skip", 0);
            return simpleTokenizer(is, s, name, () -> new PathHierarchyTokenizer(delimiter, repl, skip));
        });
        m.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            int max = s.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            ngramDiffCheck(is, min, max, "NGram Tokenizer");
            Predicate<Integer> chars = tokenChars(s);
            return simpleTokenizer(is, s, name, () -> chars == null ? new NGramTokenizer(min, max) : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            });
        });
        m.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", EdgeNGramTokenizer.DEFAULT_MIN_GRAM_SIZE);
            int max = s.getAsInt("max_gram", EdgeNGramTokenizer.DEFAULT_MAX_GRAM_SIZE);
            Predicate<Integer> chars = tokenChars(s);
            return simpleTokenizer(is, s, name, () -> chars == null ? new EdgeNGramTokenizer(min, max) : new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            });
        });
        return m;
    }

    private static TokenizerFactory simpleTokenizer(IndexSettings is, Settings s, String name, Supplier<Tokenizer> supplier) {
        return new AbstractTokenizerFactory(is, s, name) {
            @Override
            public Tokenizer create() {
                return supplier.get();
            }
        };
    }

    // ------------------------------------------------------------------ token filters

    interface FilterFn {
        TokenStream apply(TokenStream ts);
    }

    private static TokenFilterFactory filter(String name, Settings s, FilterFn fn) {
        return new AbstractTokenFilterFactory(name, s) {
            @Override
            public TokenStream create(TokenStream ts) {
                return fn.apply(ts);
            }
        };
    }

    /** A filter that is also applied when normalizing (keyword normalizers, wildcard/prefix query terms). */
    private static TokenFilterFactory normalizingFilter(String name, Settings s, FilterFn fn) {
        class F extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
            F() {
                super(name, s);
            }

            @Override
            public TokenStream create(TokenStream ts) {
                return fn.apply(ts);
            }
        }
        return new F();
    }

    private static <T> AnalysisProvider<T> requiresSettings(AnalysisProvider<T> p) {
        return new AnalysisProvider<T>() {
            @Override
            public T get(IndexSettings indexSettings, Environment environment, String name, Settings settings) throws IOException {
                return p.get(indexSettings, environment, name, settings);
            }

            @Override
            public boolean requiresAnalysisSettings() {
                return true;
            }
        };
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new TreeMap<>();
        m.put("asciifolding", (is, env, name, s) -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return normalizingFilter(name, s, ts -> new ASCIIFoldingFilter(ts, preserve));
        });
        m.put("lowercase", (is, env, name, s) -> {
            String language = s.get("language");
            if (language == null) {
                return normalizingFilter(name, s, LowerCaseFilter::new);
            }
            return switch (language.toLowerCase(Locale.ROOT)) {
                case "greek" -> normalizingFilter(name, s, GreekLowerCaseFilter::new);
                case "irish" -> normalizingFilter(name, s, IrishLowerCaseFilter::new);
                case "turkish" -> normalizingFilter(name, s, TurkishLowerCaseFilter::new);
                default -> throw new IllegalArgumentException("language [" + language + "] not support for lower case");
            };
        });
        m.put("uppercase", (is, env, name, s) -> normalizingFilter(name, s, UpperCaseFilter::new));
        m.put("german_normalization", (is, env, name, s) -> normalizingFilter(name, s, GermanNormalizationFilter::new));
        m.put("german_stem", (is, env, name, s) -> filter(name, s, GermanStemFilter::new));
        m.put("porter_stem", (is, env, name, s) -> filter(name, s, PorterStemFilter::new));
        m.put("kstem", (is, env, name, s) -> filter(name, s, KStemFilter::new));
        m.put("decimal_digit", (is, env, name, s) -> normalizingFilter(name, s, DecimalDigitFilter::new));
        m.put("trim", (is, env, name, s) -> normalizingFilter(name, s, TrimFilter::new));
        m.put("reverse", (is, env, name, s) -> filter(name, s, ReverseStringFilter::new));
        m.put("remove_duplicates", (is, env, name, s) -> filter(name, s, RemoveDuplicatesTokenFilter::new));
        m.put("truncate", (is, env, name, s) -> {
            int length = s.getAsInt("length", 10);
            if (length <= 0) {
                throw new IllegalArgumentException("length parameter must be provided");
            }
            return filter(name, s, ts -> new TruncateTokenFilter(ts, length));
        });
        m.put("length", (is, env, name, s) -> {
            int min = s.getAsInt("min", 0);
            int max = s.getAsInt("max", Integer.MAX_VALUE);
            return filter(name, s, ts -> new LengthFilter(ts, min, max));
        });
        m.put("elision", requiresSettings((is, env, name, s) -> {
            CharArraySet articles = Analysis.parseArticles(env, s);
            if (articles == null) {
                throw new IllegalArgumentException("elision filter requires [articles] or [articles_path] setting");
            }
            CharArraySet set = new CharArraySet(articles, s.getAsBoolean("articles_case", false));
            return normalizingFilter(name, s, ts -> new ElisionFilter(ts, set));
        }));
        // German compounds: the search ships its word list (search/compounds.txt, mirrored in search/text.py)
        m.put("dictionary_decompounder", requiresSettings((is, env, name, s) -> {
            CharArraySet words = Analysis.getWordSet(env, s, "word_list");
            if (words == null) {
                throw new IllegalArgumentException("dictionary_decompounder requires [word_list] or [word_list_path]");
            }
            int minWord = s.getAsInt("min_word_size", DictionaryCompoundWordTokenFilter.DEFAULT_MIN_WORD_SIZE);
            int minSubword = s.getAsInt("min_subword_size", DictionaryCompoundWordTokenFilter.DEFAULT_MIN_SUBWORD_SIZE);
            int maxSubword = s.getAsInt("max_subword_size", DictionaryCompoundWordTokenFilter.DEFAULT_MAX_SUBWORD_SIZE);
            boolean onlyLongest = s.getAsBoolean("only_longest_match", false);
            return filter(name, s, ts -> new DictionaryCompoundWordTokenFilter(ts, words, minWord, minSubword, maxSubword, onlyLongest));
        }));
        m.put("keyword_marker", requiresSettings((is, env, name, s) -> {
            CharArraySet keywords = Analysis.getWordSet(env, s, "keywords");
            if (keywords == null) {
                throw new IllegalArgumentException("keyword filter requires either `keywords` or `keywords_path` to be configured");
            }
            boolean ignoreCase = s.getAsBoolean("ignore_case", false);
            CharArraySet set = new CharArraySet(keywords, ignoreCase);
            return filter(name, s, ts -> new SetKeywordMarkerFilter(ts, set));
        }));
        m.put("stemmer", (is, env, name, s) -> {
            String language = s.get("language", s.get("name", "english"));
            checkStemmerLanguage(language);
            return filter(name, s, ts -> stem(ts, language));
        });
        m.put("snowball", (is, env, name, s) -> {
            String language = s.get("language", "English");
            String cls = "org.tartarus.snowball.ext." + language + "Stemmer";
            try {
                Class.forName(cls);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("Unknown snowball language [" + language + "]");
            }
            return filter(name, s, ts -> new SnowballFilter(ts, language));
        });
        m.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            ngramDiffCheck(is, min, max, "NGram Tokenizer");
            return filter(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
        });
        m.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            boolean back = "back".equalsIgnoreCase(s.get("side", "front"));
            return filter(name, s, ts -> back
                ? new ReverseStringFilter(new EdgeNGramTokenFilter(new ReverseStringFilter(ts), min, max, preserve))
                : new EdgeNGramTokenFilter(ts, min, max, preserve));
        });
        m.put("word_delimiter_graph", (is, env, name, s) -> {
            int flags = 0;
            flags |= s.getAsBoolean("generate_word_parts", true) ? WordDelimiterGraphFilter.GENERATE_WORD_PARTS : 0;
            flags |= s.getAsBoolean("generate_number_parts", true) ? WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS : 0;
            flags |= s.getAsBoolean("catenate_words", false) ? WordDelimiterGraphFilter.CATENATE_WORDS : 0;
            flags |= s.getAsBoolean("catenate_numbers", false) ? WordDelimiterGraphFilter.CATENATE_NUMBERS : 0;
            flags |= s.getAsBoolean("catenate_all", false) ? WordDelimiterGraphFilter.CATENATE_ALL : 0;
            flags |= s.getAsBoolean("split_on_case_change", true) ? WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE : 0;
            flags |= s.getAsBoolean("preserve_original", false) ? WordDelimiterGraphFilter.PRESERVE_ORIGINAL : 0;
            flags |= s.getAsBoolean("split_on_numerics", true) ? WordDelimiterGraphFilter.SPLIT_ON_NUMERICS : 0;
            flags |= s.getAsBoolean("stem_english_possessive", true) ? WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE : 0;
            flags |= s.getAsBoolean("ignore_keywords", false) ? WordDelimiterGraphFilter.IGNORE_KEYWORDS : 0;
            boolean adjustOffsets = s.getAsBoolean("adjust_offsets", true);
            CharArraySet protectedWords = Analysis.getWordSet(env, s, "protected_words");
            final int f = flags;
            return filter(name, s, ts -> new WordDelimiterGraphFilter(ts, adjustOffsets,
                org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, f, protectedWords));
        });
        return m;
    }

    // ------------------------------------------------------------------ analyzers

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> m = new TreeMap<>();
        m.put("german", (is, env, name, s) -> {
            CharArraySet stop = Analysis.parseStopWords(env, s, GermanAnalyzer.getDefaultStopSet());
            CharArraySet exclusion = Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET);
            GermanAnalyzer a = new GermanAnalyzer(stop, exclusion);
            return analyzerProvider(name, s, a);
        });
        m.put("english", (is, env, name, s) -> {
            CharArraySet stop = Analysis.parseStopWords(env, s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            CharArraySet exclusion = Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET);
            EnglishAnalyzer a = new EnglishAnalyzer(stop, exclusion);
            return analyzerProvider(name, s, a);
        });
        return m;
    }

    private static <A extends Analyzer> AnalyzerProvider<A> analyzerProvider(String name, Settings s, A analyzer) {
        return new AbstractIndexAnalyzerProvider<A>(name, s) {
            @Override
            public A get() {
                return analyzer;
            }
        };
    }
}
