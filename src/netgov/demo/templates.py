"""Post templates for the demo: everyday chatter and listings, and the harms the bundled
rulebook acts on.

A template is a ``str.format`` string whose fields name slots (``{name}``, ``{item}``)
filled from ``netgov.demo.slots.SLOTS``; a slot used twice in one post gets one value.
A template with a ``link`` renders it first and offers it to the text as ``{url}``. Each
harmful template names the rule it is written to trigger, so tests can check that the
bundled rulebook really catches it. There is no political content, by design.
"""

from __future__ import annotations

import random

import msgspec

from netgov.demo.slots import SLOTS


class Template(msgspec.Struct, frozen=True):
    """One post's wording; ``rule`` names the bundled rule a harmful template must fire."""

    text: str
    language: str = "en"
    link: str | None = None
    rule: str | None = None


class Family(msgspec.Struct, frozen=True, kw_only=True):
    """Templates of one kind of post, drawn with ``weight`` among their peers.

    ``venue`` is the kind of platform whose users post them: "microblog", "marketplace"
    or "any".
    """

    name: str
    weight: float
    templates: tuple[Template, ...]
    venue: str = "any"


class Rendered(msgspec.Struct, frozen=True):
    text: str
    urls: tuple[str, ...]
    language: str


class _Slots(dict[str, str]):
    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self._rng = rng

    def __missing__(self, key: str) -> str:
        value = self[key] = self._rng.choice(SLOTS[key])
        return value


def render(template: Template, rng: random.Random) -> Rendered:
    slots = _Slots(rng)
    urls: tuple[str, ...] = ()
    if template.link is not None:
        slots["url"] = template.link.format_map(slots)
        urls = (slots["url"],)
    return Rendered(text=template.text.format_map(slots), urls=urls, language=template.language)


def _zh(text: str, link: str | None = None, rule: str | None = None) -> Template:
    return Template(text, "zh", link, rule)


def _en(rule: str, text: str, link: str | None = None) -> Template:
    return Template(text, "en", link, rule)


_CHATTER = Family(
    name="chatter",
    weight=5.0,
    venue="microblog",
    templates=(
        Template("Lovely morning in {place}. Going {activity} with {name} this afternoon."),
        Template("Made {food} for the first time tonight and it actually turned out great!"),
        Template("Does anyone know a good place for {food} near {place}?"),
        Template("{name} and I finally finished the {pieces}-piece puzzle. Took us three weekends."),
        Template("The bus to {place} was late again, but the driver was lovely about it."),
        Template("Rain all {weekday}. Perfect excuse to stay in with a book and a pot of tea."),
        Template("Great match last night, what a goal in the {minute}th minute!"),
        Template("Anyone up for {activity} on {weekday}? {name} is bringing snacks."),
        Template("Happy birthday to my wonderful sister {name}! Cake at ours on {weekday}."),
        Template("Lost a blue umbrella on the tram near {place}. If you find it, leave it at the info desk, thanks!"),
        Template("The library in {place} has a book swap on {weekday}. Bring two, take two."),
        Template("Just planted tomatoes and basil on the balcony. Fingers crossed this year."),
        Template("Tried this recipe today, highly recommended: {url}", link="https://www.example.org/recipes/{recipe}"),
        Template("Photos from the {event} are up: {url}", link="https://photos.example.com/albums/{album}"),
    ),
)
_CHATTER_ZH = Family(
    name="chatter.zh",
    weight=1.5,
    venue="microblog",
    templates=(
        _zh("今天天气很好，和{zh_name}一起去{zh_place}散步。"),
        _zh("周末一起看电影吗？我请客。"),
        _zh("第一次做{zh_food}，居然成功了！"),
        _zh("{zh_place}附近有好吃的{zh_food}吗？求推荐。"),
        _zh("下班路上堵车，听了一路播客，还挺开心。"),
        _zh("孩子今天学会骑自行车了，{zh_name}说要奖励他一个冰淇淋。"),
        _zh("图书馆周六有换书活动，大家带两本书来吧。"),
    ),
)
_WARNINGS = Family(
    name="warnings",
    weight=0.5,
    venue="microblog",
    templates=(
        Template("Reminder: never share your verification code with anyone, not even with bank staff."),
        Template("Got a weird message saying my account was suspended, so I reported it. Stay safe, {name}."),
        Template("PSA: no real job asks you to pay to unlock tasks. If a 'recruiter' does, block and report."),
        _zh("提醒大家：凡是让你转入所谓“安全账户”的都是骗子。"),
    ),
)
_LISTINGS = Family(
    name="listings",
    weight=3.0,
    venue="marketplace",
    templates=(
        Template("Selling my {item}, {condition}. ${price}, pick up in {place}."),
        Template("FOR SALE: {item} ({condition}). ${price} or best offer. Message me here."),
        Template("Free to a good home: {item}. Must collect from {place} by {weekday}."),
        Template("Looking to buy a second-hand {item} in {place}. Budget around ${price}."),
        Template("Moving sale! {item}, {item2} and more. Everything must go by {weekday}."),
        Template("Handmade {craft}, ${price} each. Happy to post anywhere in Examplia."),
    ),
)
_LISTINGS_ZH = Family(
    name="listings.zh",
    weight=1.0,
    venue="marketplace",
    templates=(
        _zh("出售二手{zh_item}，{zh_condition}，{price}元，{zh_place}自提。"),
        _zh("求购{zh_item}，预算{price}元左右，可以面交。"),
        _zh("搬家转让{zh_item}，{zh_condition}，{price}元，欢迎留言。"),
    ),
)

ORDINARY: tuple[Family, ...] = (_CHATTER, _CHATTER_ZH, _WARNINGS, _LISTINGS, _LISTINGS_ZH)
"""Families of harmless posts, which the bundled rulebook must allow."""

_CRYPTO = Family(
    name="scam.crypto",
    weight=2.0,
    templates=(
        _en("scam.crypto-doubling", "{coin} giveaway! To celebrate {milestone}, {doubling} instantly. Only today!"),
        _en(
            "scam.crypto-doubling",
            "We are giving back: send any amount between 0.1 and {max_amount} {coin} and we will send back double.",
        ),
        _en(
            "scam.fraud-solicitation", "Guaranteed daily profit of {pct}% with my trading group. Invest with me today."
        ),
        _en(
            "scam.fraud-solicitation",
            "I made huge profits with an expert trader. Guaranteed returns, no risk high returns. Ask {name} how.",
        ),
        _zh("活动期间{zh_doubling}，先到先得！", rule="scam.crypto-doubling"),
        _zh("转入任意数量的USDT，系统将双倍返还，名额有限。", rule="scam.crypto-doubling"),
        _zh("稳赚不赔，导师带单，日收益{pct}%，名额有限。", rule="scam.fraud-solicitation"),
    ),
)
_GIFT_CARDS = Family(
    name="scam.gift-cards",
    weight=1.5,
    templates=(
        _en(
            "scam.fraud-solicitation",
            "Hi mum this is my new number, I dropped my phone. Can you buy {cards} gift cards of ${amount}"
            " and send me the codes? Don't tell dad.",
        ),
        _en(
            "scam.fraud-solicitation",
            "Your parcel is on hold at customs. Pay the customs clearance fee of ${amount} with gift cards today.",
        ),
        _en(
            "scam.fraud-solicitation",
            "Tax office notice: a warrant for your arrest has been issued. To avoid additional fees pay ${amount}"
            " in gift cards today or legal action will be taken.",
        ),
        _zh(
            "我是你领导，现在开会不方便接电话。你去买{zh_cards}张购物卡，把卡密发给我。", rule="scam.gift-card-payment"
        ),
    ),
)
_JOBS = Family(
    name="scam.jobs",
    weight=1.5,
    templates=(
        _en("scam.task-job", "Hiring! Get paid to like videos, earn ${amount} a day. Only need a smartphone."),
        _en(
            "scam.task-job",
            "Our recruiter found your profile. Simple online tasks: data optimization task, ${amount}/day.",
        ),
        _en(
            "scam.task-job",
            "Work from home: complete tasks and earn commission. Recharge to unlock tasks, Telegram {handle}",
        ),
        _zh("招聘兼职刷单，一单一结，宝妈学生党在家就能赚钱，先垫付后返本金加佣金。", rule="scam.task-job"),
        _zh("点赞关注赚佣金，手机兼职，动动手指日入三百，加微信 {wx}", rule="scam.task-job"),
    ),
)
_PHISHING = Family(
    name="phishing",
    weight=2.0,
    templates=(
        _en(
            "links.blocked-domain",
            "Dear customer, your {service} account has been locked. Log in to restore access: {url}",
            link="https://{sub}.login-verify.example/{path}",
        ),
        _en(
            "links.hidden-destination-phishing",
            "Your {service} account has been suspended. Kindly verify your account within 24 hours at {url}",
            link="http://192.0.2.{octet}/{path}",
        ),
        _en(
            "phishing.credential-lure",
            "Your wallet requires validation. Synchronize your wallet now at {url} or your assets will be lost.",
            link="https://fake-wallet.example/{path}",
        ),
        _en(
            "phishing.code-hijack",
            "Sorry {name}, I accidentally sent a 6-digit code to your number. Send it back to me?",
        ),
        _zh(
            "【{zh_service}】尊敬的客户，您的账户存在安全隐患，即将被冻结，请点击以下链接重新认证：{url}",
            link="https://account-verify.example/{path}",
            rule="phishing.credential-lure",
        ),
    ),
)
_GOODS = Family(
    name="goods",
    weight=1.5,
    venue="marketplace",
    templates=(
        _en("goods.prohibited-offer", "{drug_offer}. Discreet shipping, dm for prices."),
        _en("goods.prohibited-offer", "{doc_offer}, fast delivery to any city in Examplia."),
        _en("goods.prohibited-offer", "Selling fresh fullz and CVV dumps with pin, high balance, escrow accepted."),
        _zh("{zh_goods}，保密发货，价格私聊。", rule="goods.prohibited-offer"),
        _zh("高价收银行卡，要求一类卡，银行卡四件套优先。", rule="goods.prohibited-offer"),
    ),
)
_PERSONAL_DATA = Family(
    name="personal-data",
    weight=1.0,
    venue="microblog",
    templates=(
        _en("privacy.personal-data-dump", "Found him. Email {email}, phone {phone}, born {dob}. You know what to do."),
        _en("privacy.personal-data-dump", "Everyone look at this: {full_name}, {phone}, {phone2}, {email}"),
        _en("privacy.payment-card", "Here's her card: {card} exp {expiry}, have fun"),
        _zh("人肉结果：{zh_name}，手机{phone}，邮箱{email}，出生日期{zh_dob}。", rule="privacy.personal-data-dump"),
    ),
)
_SPAM = Family(
    name="spam",
    weight=1.0,
    venue="microblog",
    templates=(
        _en("spam.engagement-selling", "Buy followers cheap! {thousands}k real active followers, instant delivery."),
        _en(
            "spam.engagement-selling",
            "Guaranteed first page ranking for your shop in {days} days. High DA backlinks, limited time offer!",
        ),
        _zh("快速涨粉、刷赞、刷播放量，粉丝秒到，有意者私聊。", rule="spam.engagement-selling"),
    ),
)

HARMFUL: tuple[Family, ...] = (_CRYPTO, _GIFT_CARDS, _JOBS, _PHISHING, _GOODS, _PERSONAL_DATA)
"""Families of single harmful posts, each template written to fire its ``rule``."""

FLOODS: tuple[Family, ...] = (_SPAM,)
"""Families posted as floods: one text from several accounts within minutes."""
