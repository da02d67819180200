/* picture.c: the product → illustration rules; see picture.h. */
#include "core/picture.h"

#include "core/base.h"
#include "core/catalog.h"
#include "core/fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One picture kind: its key (the SVG's file name) and keywords separated by '|', Vietnamese in
 * folded form (lower case, no diacritics, đ → d) and English in lower case.
 *
 * Words that fold to several meanings are left out or only used inside longer phrases: "dua" is
 * both dừa (coconut) and dứa (pineapple), "dau" both dầu (oil) and đậu (bean), "dan" both đàn
 * (instrument) and đan (woven), "mat" mật (nectar), mặt (face) and mát, "nam" nấm (mushroom) and
 * Nam (south, Việt Nam), "gio" giò (pork roll) and giỏ (basket; kept for the basket, giò only in
 * "gio lua"...), "nghe" nghệ (turmeric) and mỹ nghệ (fine art), "muoi" muối (salt) and trứng muối
 * (salted egg). */
typedef struct picture_rule {
    const char *kind;
    const char *vi;
    const char *en;
} picture_rule;

static const picture_rule rules[] = {
    {"rice", "gao|com|nep|lua gao", "rice|paddy"},
    {"rice_paper", "banh trang|banh da|banh phong|banh trang tron", "rice paper|rice cracker"},
    {"noodles", "bun|pho|mien|hu tieu|mi|banh canh|banh hoi|banh pho",
     "noodle|vermicelli|pho|glass noodle"},
    {"banh_tet", "banh tet|banh chung|banh u|banh gio|xoi|banh it|banh dung",
     "banh tet|banh chung|sticky rice cake|sticky-rice cake|sticky rice"},
    {"cake", "banh|banh pia|banh trung thu|banh in|banh dau xanh|banh bo|banh quy|banh xop",
     "cake|mooncake|cookie|biscuit|pastry|pia"},
    {"candy", "keo|mut|keo dua|keo lac|keo dau phong|che lam", "candy|brittle|toffee|jam|sweet"},
    {"coconut", "dua sap|dua tuoi|dua xiem|trai dua|nuoc cot dua|com dua|cui dua|sua dua",
     "coconut|macapuno|coconut milk"},
    {"nectar", "mat hoa dua|mat dua|siro|nuoc mat mia", "nectar|syrup"},
    {"sauce", "nuoc mau|giam|nuoc tuong|tuong ot|tuong|sot|xi dau",
     "vinegar|sauce|soy sauce|caramel|ketchup"},
    {"fish_sauce", "nuoc mam|mam|mam tom|mam ruoc|mam nem", "fish sauce|shrimp paste|fish paste"},
    {"oil", "dau dua|dau an|dau me|dau lac|dau phong ep|tinh dau|dau gac|dau oliu|dau tram",
     "oil|essential oil|essence"},
    {"tea", "tra|che xanh|che tuyet|nuoc tra|tra thao moc", "tea|herbal tea"},
    {"coffee", "ca phe|cafe|ca fe", "coffee"},
    {"cocoa", "ca cao|hat ca cao|bot ca cao|socola|so co la", "cocoa|cacao|chocolate|cocoa powder"},
    {"honey", "mat ong|sap ong|phan hoa", "honey|beeswax|pollen"},
    {"shrimp", "tom|tep|tom kho|tom the|tom su|ruoc tom|tom cang", "shrimp|prawn|lobster"},
    {"fish", "ca|kho ca|ca kho|ca loc|cha ca|muc|muc kho|ca tra|ca basa|hai san|cua|oc",
     "fish|squid|seafood|crab|clam|snail|sole|snakehead|anchovy"},
    {"meat",
     "lap xuong|cha|cha lua|gio lua|gio thu|gio bo|nem|xuc xich|thit|kho bo|kho trau|kho heo"
     "|kho ga|ruoc|pate",
     "sausage|pork|beef|buffalo|jerky|meat|ham|pate|chicken"},
    {"birds_nest", "yen|yen sao|to yen|nuoc yen", "nest|bird's nest"},
    {"nuts", "dau phong|lac|hat dieu|hat sen|hat|mac ca|hat macca|oc cho|dau xanh|dau nanh|me",
     "peanut|cashew|nut|lotus seed|seed|macadamia|walnut|bean|sesame"},
    {"sugar", "duong|duong phen|duong thot not|duong hoa dua|duong mia", "sugar"},
    {"flour", "bot|tinh bot|bot nua|bot gao|bot san", "flour|powder|starch"},
    {"durian", "sau rieng", "durian"},
    {"pomelo", "buoi|buoi da xanh|buoi nam roi", "pomelo|grapefruit"},
    {"mango", "xoai|xoai cat", "mango"},
    {"dragon_fruit", "thanh long", "dragon fruit|pitaya"},
    {"fruit",
     "cam|quyt|nhan|vai thieu|chom chom|man|trai cay|hoa qua|chuoi|mang cau|vu sua"
     "|oi|chanh|dua luoi|mit|dua dong hop|khom|dau tay|nho",
     "fruit|orange|longan|lychee|litchi|banana|plum|soursop|pineapple|guava|lime|lemon|melon"
     "|jackfruit|grape|strawberry|rambutan"},
    {"dried_fruit", "say|say deo|say kho|say gion|khoai lang|khoai|mit say|chuoi say|khoai mon",
     "dried fruit|dried|chips|crisps|sweet potato|taro"},
    {"mushroom",
     "nam rom|nam huong|nam linh chi|linh chi|nam bao ngu|nam meo|nam mo|nam kim cham|nam tuoi"
     "|nam say|nam dong co|dong trung ha thao|dong trung|nam",
     "mushroom|reishi|cordyceps|lingzhi"},
    {"medicinal",
     "sam|duoc lieu|thao duoc|cao dinh lang|cao atiso|dinh lang|tinh bot nghe|cu nghe|nghe vang"
     "|gung|thuoc|ha thu o|atiso|ca gai leo|xa den",
     "ginseng|herbal|herb|turmeric|ginger|medicinal|extract|artichoke"},
    {"liquor", "ruou|ruou vang|ruou can|ruou nep|ruou sim|ruou tao meo", "wine|liquor|spirit"},
    {"drink", "nuoc khoang|nuoc uong|nuoc ep|sua|sua tuoi|sua chua|nuoc giai khat|nuoc tinh khiet",
     "milk|water|juice|drink|yoghurt|yogurt|beverage"},
    {"spices", "tieu|ot|hat tieu|gia vi|hoi|que|sa|toi|hanh|muoi tom|muoi ot|muoi hat|bot canh",
     "pepper|chili|chilli|spice|cinnamon|garlic|star anise|lemongrass|salt"},
    {"instrument",
     "dan guitar|dan ghi ta|guitar|ghi ta|dan bau|dan tranh|dan nguyet|dan da|dan t'rung|nhac cu"
     "|sao truc|ken|trong|cong chieng",
     "guitar|instrument|flute|zither|drum|gong"},
    {"mat", "tham|chieu|chieu coi|chieu cal|tham xo dua|tham coi", "mat|rug|carpet|coir"},
    {"basket", "gio|ro|thung|dan lat|may tre|tre dan|luc binh|non la|met|tui coi",
     "basket|bamboo|rattan|wicker|water hyacinth|hat|handbag"},
    {"vegetables",
     "rau|rau cu|rau sach|mang|mang kho|mang tuoi|mang chua|bap cai|cai thao|ca rot|cu cai"
     "|ca chua|dua leo|bi do|kho qua",
     "vegetable|greens|bamboo shoot|cabbage|carrot|radish|tomato|cucumber|pumpkin"},
    {"egg", "trung|trung ga|trung vit|trung muoi|trung cut|hot vit lon", "egg|salted egg|duck egg"},
    {"wood_carving",
     "do go|tuong go|go my nghe|go tho|dieu khac go|kham go|kham xa cu|tac go|tranh go|hop go",
     "wood|wooden|woodcarving|wood carving|carving|carved"},
    {"homestay", "homestay|nha vuon|nha nghi|luu tru|farmstay",
     "homestay|farmstay|guesthouse|guest house|lodge|bungalow"},
    {"pottery", "gom|gom su|do gom|binh gom|lu|chum|su", "pottery|ceramic|porcelain|vase|clay"},
    {"cosmetic", "mat na|xa phong|my pham|kem duong|son moi|dau goi|sua tam",
     "face mask|mask|soap|cosmetic|cream|lotion|shampoo|lipstick"},
    {"brocade", "tho cam|lua|vai|det|khan|ao dai|to tam|vai dui|khan theu|theu",
     "brocade|silk|textile|fabric|scarf|weaving|cloth|embroidery"},
};

size_t picture_kind_count(void) {
    return OCOP_COUNT(rules);
}

const char *picture_kind_at(size_t i) {
    OCOP_ASSERT(i < OCOP_COUNT(rules));
    return rules[i].kind;
}

bool picture_kind_file(const char *kind, char *out, size_t cap) {
    return str_format(out, cap, "assets/catalog/images/%s.svg", kind);
}

bool picture_path(const char *data_dir, const char *image, const char *kind, const char *group,
                  char *out, size_t cap) {
    OCOP_ASSERT(cap > 0);
    char rel[256];
    bool ok = false;
    if (image && *image) {
        ok = catalog_image_path(image, out, cap);
    } else if (kind && *kind) {
        ok = picture_kind_file(kind, rel, sizeof rel) &&
             str_format(out, cap, "%s/%s", data_dir, rel);
    } else if (group && *group) {
        ok = str_format(out, cap, "%s/assets/catalog/images/%s.svg", data_dir, group);
    }
    if (!ok) {
        out[0] = '\0';
    }
    return ok;
}

static bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Where a match of a keyword ends when it stands as a whole word at `at` (length `n`) in `text`:
 * after the keyword, or after an English plural "s"/"es"; 0 when it is not a whole word there. */
static size_t word_end(const char *text, const char *at, size_t n) {
    if (at > text && is_word_char(at[-1])) {
        return 0;
    }
    size_t end = (size_t)(at - text) + n;
    if (!is_word_char(text[end])) {
        return end;
    }
    if (text[end] == 's' && !is_word_char(text[end + 1])) {
        return end + 1;
    }
    if (text[end] == 'e' && text[end + 1] == 's' && !is_word_char(text[end + 2])) {
        return end + 2;
    }
    return 0;
}

/* The keywords of every rule, cut out of the table once, in buckets by first letter: a name is
 * then compared only with the keywords that start with the letter at each of its word starts
 * (a few dozen compares, not a search of the name for each of the table's ~400 keywords). */
#define KEYWORDS_MAX 512

typedef struct keyword {
    const char *text; /* inside the rule's list, not NUL-terminated */
    size_t len;
    int rule;
} keyword;

typedef struct keyword_index {
    keyword words[KEYWORDS_MAX];
    int bucket[27]; /* keywords starting with 'a' + i are words[bucket[i] .. bucket[i + 1]) */
} keyword_index;

static keyword_index indexes[2]; /* Vietnamese, English */
static pthread_once_t indexes_once = PTHREAD_ONCE_INIT;

static void index_language(keyword_index *ix, bool english) {
    int per_letter[26] = {0}, n = 0;
    for (int pass = 0; pass < 2; pass++) {
        int at[26];
        ix->bucket[0] = 0;
        for (int c = 0; c < 26; c++) {
            ix->bucket[c + 1] = ix->bucket[c] + per_letter[c];
            at[c] = ix->bucket[c];
        }
        for (size_t r = 0; r < OCOP_COUNT(rules); r++) {
            const char *list = english ? rules[r].en : rules[r].vi;
            while (*list) {
                const char *bar = strchr(list, '|');
                size_t len = bar ? (size_t)(bar - list) : strlen(list);
                OCOP_ASSERT(len > 0 && list[0] >= 'a' && list[0] <= 'z');
                int c = list[0] - 'a';
                if (pass == 0) {
                    per_letter[c]++;
                    n++;
                    OCOP_ASSERT(n <= KEYWORDS_MAX);
                } else {
                    ix->words[at[c]++] = (keyword){list, len, (int)r};
                }
                list += len + (bar ? 1 : 0);
            }
        }
    }
}

static void index_rules(void) {
    index_language(&indexes[0], false);
    index_language(&indexes[1], true);
}

/* The best rule for the folded `text`: Vietnamese (`english` false) earliest start wins,
 * English latest end; then the longer keyword; then the rule earlier in the table. Returns its
 * index or -1. */
static int best_rule(const char *text, bool english) {
    const keyword_index *ix = &indexes[english];
    int best = -1;
    size_t best_place = 0, best_len = 0;
    for (const char *at = text; *at; at++) {
        if ((at > text && is_word_char(at[-1])) || *at < 'a' || *at > 'z') {
            continue; /* every keyword starts a word with a letter */
        }
        int c = *at - 'a';
        for (int k = ix->bucket[c]; k < ix->bucket[c + 1]; k++) {
            const keyword *w = &ix->words[k];
            if (strncmp(at, w->text, w->len) != 0) {
                continue;
            }
            size_t end = word_end(text, at, w->len);
            if (!end) {
                continue;
            }
            size_t place = english ? end : (size_t)(at - text);
            bool better = best < 0 || (english ? place > best_place : place < best_place) ||
                          (place == best_place &&
                           (w->len > best_len || (w->len == best_len && w->rule < best)));
            if (better) {
                best = w->rule;
                best_place = place;
                best_len = w->len;
            }
        }
    }
    return best;
}

const char *picture_pick(const char *name_vi, const char *name_en) {
    pthread_once(&indexes_once, index_rules);
    const char *names[2] = {name_vi, name_en};
    for (int i = 0; i < 2; i++) {
        if (!names[i] || !names[i][0]) {
            continue;
        }
        char *folded = fold_text(names[i]);
        int r = best_rule(folded, i == 1);
        free(folded);
        if (r >= 0) {
            return rules[r].kind;
        }
    }
    return NULL;
}
