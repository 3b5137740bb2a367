"""Sentence templates, titles, names and the phrasings of every defect class."""

from __future__ import annotations

_SENTENCES = (
    "{activity} is easier than it looks, as long as you {action} {time}.",
    "A common mistake is to ignore {problem}, which can quietly undo weeks of careful work.",
    "If all you have is {place}, {subject} are still a sensible place to start.",
    "{people} often ask whether {subject} are worth the effort, and the honest answer depends on {factor}.",
    "The simplest rule we know is to {action} and to look out for {problem} {interval}.",
    "We compared {number} different approaches over {duration}, and the one that held up best was to "
    "{action}.",
    "With {tool}, much of the guesswork around {subject} disappears.",
    "The reward is {benefit}, which most {people} notice within {duration}.",
    "Nobody gets {activity} right on the first try, so treat the early weeks as an experiment.",
    "Keep a short record of what you did and when, because memory becomes unreliable after {duration}.",
    "{subject} do not need to be expensive, and {tool} does more than most gadgets sold for ten times "
    "the price.",
    "In our experience, {people} who {action} see {benefit} far sooner than those who wait.",
    "It helps to think of {activity} as a routine rather than a project.",
    "Start small: {action} {time}, and add a new habit only when the first one feels automatic.",
    "There is no single right answer here, because what works depends on {factor}.",
    "One reader wrote in to say that {activity} had brought {benefit} within {duration}.",
    "If you keep running into {problem}, step back and ask what changed just before it started.",
    "About {percent} percent of the {people} we spoke to said they wished they had started sooner.",
    "Before buying anything, {action}; it costs nothing and tells you a great deal.",
    "{subject} and {subject2} work well together, though each needs a slightly different approach.",
    "Much of the advice online is written for ideal conditions, not for {place}.",
    "The trick is consistency, because doing a little {interval} beats a big effort once in a while.",
    "Expect a few setbacks, especially with {problem}, and do not read them as failure.",
    "When in doubt about {subject}, {action}.",
    "Some {people} swear by {tool}, while others manage perfectly well without one.",
    "Much depends on {factor}, so be honest with yourself about it before you begin.",
    "A good first goal is {benefit}, and much of the rest tends to follow from there.",
    "We tried skipping this step once and regretted it within {duration}.",
    "Think about {problem} early, because it is far easier to prevent than to fix.",
    "For {people}, the biggest change usually comes from learning to {action}.",
    "It is tempting to buy {tool} straight away, but you can learn a lot before spending any money.",
    "Many guides skip over {factor}, yet it explains most of the differences people report.",
    "Once {activity} becomes part of your week, you stop treating {benefit} as luck.",
    "A friend who has spent years on {subject} put it simply: {action}, and be patient.",
    "Most of the difficulty comes early, and after {duration} the work usually becomes routine.",
    "You will read plenty of strong opinions about {subject}, but the evidence is usually more modest.",
    "If you share your home with others, agree on who will {action} so nothing slips.",
    "Our own trial with {subject} ran for {duration} and taught us more than any manual.",
    "Small adjustments add up, and a dozen tiny changes often lead to {benefit}.",
    "Before you change everything, check whether the trouble really comes down to {problem}.",
    "The cost is modest, since {tool} and a little time {interval} are enough for most people.",
    "Try to {action} and {action2}, because together they cover most everyday situations.",
    "Anyone dealing with {place} should adapt the plan rather than abandon it.",
    "None of this replaces expert advice, but it will help you ask better questions about {subject}.",
    "Progress with {subject} is rarely a straight line, and that is perfectly normal.",
    "Pay attention to {factor} {time}, since it shifts more than people expect.",
    "A quick checklist helps: {action}, {action2}, and note anything unusual.",
    "Even {number} minutes {interval} is enough to notice a difference.",
    "We have seen {people} give up on {activity} just before it started to pay off.",
    "Whatever you decide about {subject}, write it down, set a date to review it, and adjust as you learn.",
    "The people who do best with {activity} are rarely the best equipped, just the most regular.",
    "Our advice for {place} is different: {action} first, then worry about {problem}.",
    "Last {season}, {number} of our readers tried {activity} and most reported {benefit}.",
    "Prices for {tool} vary a lot, so compare a few before you commit.",
    "If you run into {problem}, do not panic; it happens to most {people} at some point.",
)
_OPENERS = ("In practice, ", "Honestly, ", "That said, ", "On balance, ", "Of course, ", "Admittedly, ",
            "Put simply, ", "Either way, ", "As a rule, ", "In our view, ")
_TIMES = ("each morning", "at the weekend", "once a week", "before you start", "at the start of every month",
          "every evening", "after work", "on the first of the month")
_INTERVALS = ("every day", "each week", "twice a week", "every few days", "once a month")
_DURATIONS = ("two weeks", "a month", "six weeks", "a season", "three months", "half a year", "a few days",
              "ten days")
_SEASONS = ("spring", "summer", "autumn", "winter", "year")
_TITLES = (
    "How to Get Started with {Subject}",
    "{Number} Mistakes to Avoid with {Subject}",
    "A Practical Guide to {Activity}",
    "What Nobody Tells You About {Activity}",
    "{Activity}: A Beginner's Checklist",
    "Why {Subject} Matter More Than You Think",
    "The Honest Truth About {Subject}",
    "{Subject} on a Budget",
    "{Activity} in {Year}: What Actually Works",
    "Is {Activity} Worth It?",
    "Our Favourite Tips for {Activity}",
    "{Subject} for {People}: A Simple Plan",
    "What a Year of {Activity} Taught Us",
    "{Number} Questions About {Subject}, Answered",
)
_HEADINGS = (
    "Why {subject} matter", "Getting started with {activity}", "What we got wrong about {subject}",
    "Dealing with {problem}", "Tools for {activity}", "A simple routine for {people}",
    "When {problem} will not go away", "What {people} should know", "Our verdict on {subject}",
    "Questions about {activity}",
)
_SMALL_WORDS = {"a", "an", "the", "and", "or", "for", "of", "on", "in", "to", "with", "at", "by", "from",
                "your", "as"}

_FIRST_NAMES = ("Lena", "Marcus", "Priya", "Tomasz", "Aisha", "Dmitri", "Hannah", "Julio", "Keiko", "Owen",
                "Rosa", "Samuel", "Ingrid", "Kwame", "Chloe", "Mateo", "Yara", "Felix", "Nadia", "Rupert",
                "Elif", "Connor", "Mira", "Bastian")
_LAST_NAMES = ("Hartwell", "Okafor", "Lindqvist", "Moreau", "Castellano", "Brennan", "Tanaka", "Novak",
               "Whitfield", "Adeyemi", "Salgado", "Kowalczyk", "Ferrante", "Haddad", "MacLeod", "Vasquez",
               "Ostrowski", "Pemberton", "Ishikawa", "Delacroix")
_SITE_PREFIXES = ("Green", "Daily", "Urban", "Little", "Bright", "Honest", "Simple", "Wild", "Modern",
                  "Quiet", "Happy", "Clever", "Steady", "Good", "True", "Smart")
_SITE_SUFFIXES = ("", "Hub", "Notes", "Journal", "Corner", "Guide", "Digest", "Life", "Lab", "Post")
_TLDS = ("com", "com", "net", "org", "co.uk", "blog", "io")


# --------------------------------------------------------------------------- defect phrasings

_BYLINES = (
    "Posted by {name} on {long_date} · {views} views",
    "By {name} | {iso_date} | {views} reads",
    "Author: {name} - Published: {dotted_date} - Hits: {views}",
    "Submitted by {name} on {slash_date} - {views} views - {clicks} likes",
    "{name} · {short_date} · {views} views · {clicks} shares",
    "Written by {name}. Last updated {long_date}. Viewed {views} times.",
    "Views: {views} | Shares: {clicks} | Comments: {comments}",
    "Uploaded {iso_date} by {name} ({views} downloads)",
    "Added by {name} - {dotted_date} {clock} - Views: {views} - Clicks: {clicks}",
    "{views} views | {clicks} clicks | posted {slash_date}",
)
_READ_TIMES = (
    "Estimated reading time: {n} minutes",
    "{n} min read",
    "Reading time {n} min",
    "\u23f1 {n} minute read",
    "Time to read: about {n} min",
    "Est. read: {n} mins",
    "This article takes about {n} minutes to read",
    "Read time: {n} minutes",
)
_CONTACTS = (
    "email: [email\u00a0protected] - phone: {phone}",
    "Contact: {local} [at] {mailhost} [dot] {tld} | Tel: {phone}",
    "E-mail: [email protected] \u00b7 Phone {phone}",
    "Questions? Write to {local}@{mailhost}.{tld} or call {phone}.",
    "Reach the author at {local} (at) {mailhost} (dot) {tld}",
    "Call us: {phone} / Fax: {phone2}",
    "{name} - {local}@{mailhost}.{tld} - {phone}",
    "Mail: {local} AT {mailhost} DOT {tld}, mobile {phone}",
    "For press enquiries: [email protected], {phone}",
)
_MAIL_HOSTS = ("postbox", "mailcrate", "inboxly", "letterhub", "quickmail", "fastpost", "webpost")
_MAIL_TLDS = ("com", "net", "org", "io")
_PHONES = (
    "({a3}) {b3}-{c4}",
    "({a3}) {b3}-{c4} x {ext}",
    "+1 {a3}-{b3}-{c4}",
    "+44 20 {c4} {d4}",
    "+49 30 {b3}{c4}",
    "0{a3} {b3} {c4}",
    "{a3}.{b3}.{c4}",
)
_COMMENT_WIDGETS = (
    ("Leave a Comment", "Your e-mail will never be shared. Fields marked with * are required."),
    ("Post a Reply", "Cancel reply", "Name *", "Email *", "Website",
     "Save my details in this browser for the next time I comment."),
    ("{comments} Comments", "Add your comment below"),
    ("Join the conversation", "Log in or register to comment."),
    ("Comments are closed.",),
    ("Be the first to comment on this article",),
    ("Write a response", "Sign in to leave a comment"),
    ("Discussion ({comments})", "Sort by: Newest"),
    ("Comments", "Add a comment"),
)
_COMMENT_REMARKS = (
    "This was really helpful, thank you!",
    "I tried this last week and it worked better than I expected.",
    "Could you write a follow-up on {subject}?",
    "Great post, bookmarked for later.",
    "We had the same problem with {problem} last year.",
    "Not sure I agree about {subject}, but an interesting read.",
    "Thanks for sharing, my partner will love this.",
)
_COMMENT_META = ("{name} says:", "{name} replied:", "{name} on {short_date}:", "{name} \u2014 {short_date}")
_RELATED_HEADS = (
    "Related Posts", "Read Next", "More From This Author", "Recommended Reading", "Popular on {site}",
    "You might also enjoy", "Trending Now", "More Stories", "Keep Reading", "Don't Miss",
    "Also on {site}", "Previous article",
)
_CITATION_HEADS = ("Sources:", "Citations:", "References:", "Useful resources:", "Further reading:",
                   "Source links:", "Resources:")
_PRODUCTS = (
    "psilocybin capsules", "modafinil tablets", "kratom powder", "xanax bars", "oxycodone pills",
    "adderall", "lsd tabs", "mdma crystals", "delta 8 gummies", "thc vape carts", "magic truffles",
    "tramadol", "codeine syrup", "mescaline", "replica watches", "cheap cialis", "microdose kits",
    "ayahuasca brew", "cbd oil", "phentermine",
)
_GEO_CUES = (
    "uk", "usa", "australia", "in toronto", "in sydney", "near me", "europe", "in london", "germany",
    "online", "with bitcoin", "overnight delivery", "no prescription", "in texas", "nz", "ireland",
    "in melbourne", "discreet shipping",
)
_ANCHORS = (
    "buy {product} {geo}", "{product} for sale {geo}", "order {product} online {geo}",
    "where to buy {product} {geo}", "{product} {geo}", "cheap {product} {geo}",
    "best {product} shop {geo}", "get {product} delivered {geo}",
)
_ANCHOR_LEADS = ("Also check out ", "You could also try ", "See also ", "Related: ", "", "Visit us for ",
                 "Don't miss ", "More here: ")
_SHOP_HOSTS = ("greenleaf-pharma-shop.com", "fastmeds24.net", "trippy-store.co", "bestpillsdirect.org",
               "shroomhaven.shop", "cheap-rx-online.biz", "psychedelic-depot.store")
_FARM_BLOGS = ("quickblogr.com", "blogmintly.com", "pagezblog.net", "bloghutter.com", "wikinewsroom.com",
               "postbuzzr.com", "blogsvila.com", "thenewsfarm.net", "getblogz.org")
_CLOUD_REGIONS = ("us-east-1", "eu-central-1", "ap-southeast-2", "us-west-1")
_TEMPLATE_LINES = (
    "{site} is reader-supported. When you buy through links on our site, we may earn a commission.",
    "Subscribe to the {site} newsletter for new posts every Friday.",
    "All material on {site} is for general information only and is not professional advice.",
    "Copyright {year} {site}. All rights reserved.",
    "Follow {site} on social media for daily tips.",
    "Got a story idea? Get in touch with the {site} team.",
    "Prices and availability were correct when {site} published this page.",
    "Join {thousands},000 readers who get the {site} weekly digest.",
)
