"""Kindling's own labelled cases, generated from templates.

Public data sets barely cover threats, self-harm encouragement, sexual harassment, doxxing, exclusion,
sarcasm, negation, counter-speech and friendly swearing, so we write those ourselves. Two disjoint sets
of templates AND fillers exist: TRAIN (used for training and calibration) and HELDOUT (never trained
on, only evaluated), so held-out numbers measure generalisation to new phrasings and new names.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from training.cases_written import written_by_family
from training.names import WORLD as WORLD_NAMES

CATEGORIES = [
    "insult", "body_shaming", "exclusion", "threat", "self_harm", "identity_hate",
    "sexual_harassment", "sexual", "violence", "doxxing", "at_risk",
]


@dataclass
class Case:
    text: str
    harm: int
    kind: int
    cats: dict[str, int] = field(default_factory=dict)
    group: str = ""  # which family of cases (for per-group reporting)


# ---------------------------------------------------------------- fillers (train / held-out)
NAMES = {
    "train": ["Maya", "Jordan", "Priya", "Liam", "Aisha", "Tom", "Chen", "Sofia", "Malik", "Emma", "Diego",
              "Fatima", "Noah", "Keisha", "Ivan", "Zoe", "Jamal", "Olivia", "Ahmed", "Hannah", "Tyrone", "Mei",
              *WORLD_NAMES],
    "heldout": ["Rosa", "Kwame", "Yuki", "Ben", "Leila", "Oscar", "Nadia", "Sam", "Amara", "Lucas", "Ines", "Raj"],
}
GROUPS = {  # (plural noun, adjective)
    "train": [("Muslims", "Muslim"), ("Jews", "Jewish"), ("Black people", "Black"), ("immigrants", "immigrant"),
              ("gay people", "gay"), ("trans people", "trans"), ("women", "female"), ("Mexicans", "Mexican"),
              ("disabled people", "disabled"), ("Asians", "Asian"), ("refugees", "refugee")],
    "heldout": [("Christians", "Christian"), ("lesbians", "lesbian"), ("Africans", "African"),
                ("Hindus", "Hindu"), ("Roma", "Roma"), ("Arabs", "Arab"), ("autistic people", "autistic")],
}
INSULT_NOUNS = {
    "train": ["idiot", "loser", "moron", "freak", "clown", "joke", "waste of space", "pathetic excuse for a human",
              "dumbass", "failure", "creep", "embarrassment", "parasite", "weirdo", "nobody", "halfwit", "dunce",
              "twit", "numpty", "muppet", "simpleton", "cretin", "dork", "bozo", "goblin", "troglodyte", "degenerate",
              "lowlife", "doofus", "airhead", "pillock", "dingbat", "tool",
              "jerk", "prat", "donkey", "plonker", "git", "wimp", "geek", "oaf", "pest", "bonehead", "meathead",
              "blockhead", "dumbo", "nincompoop", "ignoramus", "dolt", "slob", "peasant", "scrub", "noob", "reject",
              "psycho", "nutjob", "disappointment", "nuisance", "toad", "cockroach", "maggot", "vermin", "snob",
              "suck-up", "jackass", "asshole", "prick", "douchebag", "bellend", "wanker", "twat", "lump", "chump",
              "sucker", "has-been", "clot", "doormat", "charity case", "basket case"],
    "heldout": ["imbecile", "buffoon", "disgrace", "fool", "dimwit", "nitwit", "laughingstock"],
}
INSULT_ADJS = {
    "train": ["stupid", "pathetic", "worthless", "useless", "dumb", "annoying", "disgusting", "brainless",
              "braindead", "obnoxious", "repulsive", "pitiful", "incompetent", "thick", "moronic", "idiotic",
              "spineless", "cringe", "irrelevant", "dim", "vile", "talentless", "gormless",
              "lame", "dull", "ignorant", "foolish", "weak", "slow", "dopey", "daft", "simple-minded", "vapid",
              "shallow", "petty", "snotty", "trashy", "tacky", "creepy", "sleazy", "slimy", "unbearable",
              "unlikeable", "forgettable", "mediocre", "clumsy", "inept", "witless", "mindless", "feeble",
              "gutless", "painful to listen to"],
    "heldout": ["clueless", "hopeless", "ridiculous", "insufferable", "dense"],
}
BODY = {
    "train": ["fat", "ugly", "fat and ugly", "gross", "so skinny it's creepy", "hideous", "obese", "a fat pig",
              "a walking skeleton", "lumpy", "a whale", "greasy", "pimply", "deformed", "chubby", "scrawny",
              "lanky and gross", "built like a potato", "saggy", "double-chinned", "a walking blob",
              "pudgy", "tubby", "porky", "gangly", "bug-eyed", "buck-toothed", "crater-faced", "balding",
              "big-nosed", "stumpy", "pasty", "blotchy", "wrinkly", "stubby", "jiggly", "a hippo", "a beanpole",
              "horse-faced", "pig-faced", "rail-thin", "plus-sized and gross", "flat-chested", "pimple-covered"],
    "heldout": ["chunky", "flabby", "bony", "a beached whale"],
}
COMPLIMENTS = {
    "train": ["talented", "kind", "brilliant", "funny", "amazing", "thoughtful", "creative", "strong", "smart",
              "beautiful", "inspiring", "generous", "brave"],
    "heldout": ["wonderful", "gifted", "hilarious", "caring", "clever", "gorgeous", "awesome"],
}
THINGS = {
    "train": ["this traffic", "the weather today", "my commute", "this printer", "Monday morning", "my wifi",
              "the queue at the bank", "this exam", "my old laptop", "the bus"],
    "heldout": ["this heatwave", "the airport", "my phone battery", "this spreadsheet", "rush hour"],
}
PLACES = {"train": ["your village", "the south side", "a small town", "that school"],
          "heldout": ["the suburbs", "the countryside"]}

# ---------------------------------------------------------------- templates
# {n}=name, {i}=insult noun, {a}=insult adjective, {b}=body word, {c}=compliment, {g}=group, {ga}=group adj,
# {x}=thing, {p}=place.
T: dict[str, dict[str, list[str]]] = {
    "insult": {
        "train": [
            'you are a {i}',
            "you're {a}",
            'you are so {a}',
            "you're such a {a} {i}",
            '{i}',
            'you are {a}',
            "honestly you're {a}",
            'you are literally {a}',
            "you're a {a} little {i}",
            '{n}, you are a {i}',
            "you're {a} and you know it",
            "you're so {a} lmao",
            "you are such a {i}", "{n} is a {a} {i}", "shut up you {a} {i}", "nobody asked you, {i}",
            "you're the most {a} person I've ever met", "what a {a} {i} you are", "lol {n} you absolute {i}",
            "imagine being as {a} as you", "go away {i}, nobody cares", "{n} you're so {a} it hurts to read this",
            "every time you talk I lose brain cells, you {i}", "ur a {i} and everyone knows it",
            "honestly {n} is the biggest {i} in our class", "your post is {a} just like you",
            "stop posting, you {a} {i}", "you're a {i}, plain and simple", "can't believe how {a} you are",
            "{n} is such a {i} lmao", "you are nothing but a {a} {i}", "look at this {i} trying to sound smart",
            "{n} has the IQ of a potato", "you're a {a} {i} and your mom agrees", "zero brain cells, {n}",
            "{i} 🤡", "u r so {a} lol", "you {i}, read a book",
            '{n} is the dumbest {i} I have ever seen',
            'nobody is as {a} as you, {n}',
            "you're a total {i}, {n}",
            'get off this app, you {a} {i}',
            'what kind of {i} posts this',
            'you are a complete and utter {i}',
            'the {a} {i} is back again',
            '{n} the {i} strikes again',
            'classic {n}, {a} as always',
            'are you always this {a} or is today special?',
            'you have the brain of a {i}',
            '{i} alert 🚨 {n} is posting',
            'honestly what a {i}',
            'you really are {a}, huh',
            "{n}, you're {a} beyond belief",
            'your whole personality is being a {i}',
            "everyone thinks you're a {i}, {n}",
            'you {a} little {i}',
        ],
        "heldout": [
            "honestly you're the biggest {i} on this app", "{n}, you {a} {i}, just stop",
            "is there anyone more {a} than {n}?", "typical {i} behaviour from you", "get lost, {i}",
            "you must be the most {a} {i} alive",
        ],
    },
    "sarcasm": {
        "train": [
            'oh wow {n}, you finally did something right, alert the media',
            'such a brave choice to post that without makeup 🙄',
            'your singing is... special, like nails on a chalkboard',
            "you're so smart, said nobody ever",
            'I love how confident you are for someone who looks like that',
            'congrats on your participation trophy, {n}',
            'wow you cooked! too bad it looks like dog food',
            "great essay, if you're in kindergarten",
            "you're really pretty for a {ga} girl",
            "you're actually kinda funny when you're not trying to be",
            'so proud of you for finally showering 👏',
            'cute drawing, my little brother does better though',
            '{n} thinks she can dance 😂 bless',
            'wow, another selfie, we were all dying to see your face again',
            'amazing, {n}, you found a new way to be boring',
            "you're like a cloud, when you disappear it's a beautiful day",
            'nice of you to grace us with your genius 🙄',
            "you'd be great at your job if you had any talent",
            "wow you actually spelled everything right this time, so proud of you 🙄",
            "great job {n}, only took you five tries to do something a child could do",
            "oh sure, because you're SO smart", "you're pretty for a fat girl",
            "you're actually smart for someone from {p}", "nice try, maybe next time use your brain",
            "congrats on being the most average person in the room",
            "love how you think anyone cares about your opinion", "wow {n}, another genius take, truly groundbreaking 🙄",
            "you look great, did you finally stop eating everything?", "not bad for a girl",
            "cute that you think you can sing", "bless your heart, you really tried",
            "you're brave to post a face like that", "that outfit is so brave of you, I could never look that bad",
            "oh look, {n} has an opinion again, how thrilling",
            "sure {n}, and I'm the queen of England 🙄", "what a shock, {n} messed it up again",
            "you'd be cute if you lost like 30 pounds", "not bad... for an amateur like you",
            "I'd agree with you but then we'd both be wrong", "ok boomer, go take your meds",
            "you sing almost as well as a dying cat", "nice haircut, did you do it yourself in the dark?",
            'oh great, {n} is here to share more wisdom nobody needed 🙄',
            'wow, what an original thought, {n}, truly',
            'you must be so proud of that mess',
            "I'm sure your mom thinks you're talented",
            "can't wait for your next masterpiece of mediocrity",
            'how do you manage to be this impressive at failing',
            '{n} really thinks this is art, adorable',
            "oh you're a singer now? my ears disagree",
            "you're so special, just like everyone keeps telling you not to be",
            'genius move, {n}, truly next level 🙄',
            'such a deep post, did it take all your brain cells?',
            "you tried, and that's the saddest part",
            'love your confidence, honestly wish I could be that delusional',
            'oh {n} posted again, everyone brace yourselves',
            'what a masterpiece, did you draw it with your feet?',
            'bold of you to sing in public with that voice',
            'truly inspiring how you keep failing with a smile',
            'wow {n}, a whole paragraph, you must be exhausted',
            "you're the reason they put instructions on shampoo",
            "love that you don't care what you look like, it shows",
            "you're smarter than you look, which isn't hard",
            "so cute how you still think you're funny, {n}",
        ],
        "heldout": [
            "amazing how you manage to be wrong about everything, {n}",
            "you're kind of pretty when you keep your mouth shut",
            "good for you for posting that, I'd be too embarrassed", "wow, {n} learned to read, what a milestone",
            "you're not as dumb as you look, I guess",
        ],
    },
    "body_shaming": {
        "train": [
            "{n} you're {b}, stop posting selfies",
            'why is your face so {b}',
            'bro you got a double chin in every pic',
            "your teeth are so yellow it's gross",
            'no filter can fix that face, {n}',
            'imagine being that {b} and still wearing a crop top',
            'you need a treadmill not a camera',
            'omg your stomach is hanging out, disgusting',
            '{n} waddles like a penguin lol',
            "you're too {b} to be a model, give up",
            'your legs look like sticks, eat something',
            'fatty {n} strikes again 🐷',
            'your skin is so bad, wash your face',
            'you look pregnant in that photo lmao',
            "{b} people shouldn't wear shorts, {n}",
            'nobody wants to see your rolls',
            'that body is a crime scene',
            'your forehead is bigger than my future',
            "you're so {b} no wonder nobody dates you", "ew {n} is {b}", "lose some weight before you post pics, you look {b}",
            "you look like a whale in that dress", "look at those thighs lol 🐷", "your acne is disgusting, cover it up",
            "{n} is {b}, how does she even leave the house", "nobody wants to see your {b} body",
            "put a shirt on, you're {b}", "you're built like a fridge lmao", "oink oink {n} 🐷",
            "did you eat the whole cake again? {b} pig", "your nose is huge lmao",
            '{n} you look so {b} in that pic',
            'why would you post a photo looking that {b}',
            "you're way too {b} to wear that",
            'that outfit makes you look {b}',
            'ew your body is {b}',
            'you should be ashamed of how {b} you look',
            'so {b}, no wonder you hide behind filters',
            '{n} has the body of a {b} troll',
            "did you even look in the mirror? you're {b}",
            'your arms are massive lol, stop eating',
            "you're shaped like a potato, {n}",
            'how can someone be that {b}',
            'your face ruins every group photo',
            "hit the gym, {n}, you're {b}",
            '{n} needs to hit the salad bar, look at that belly',
            'nobody told you your chin has a chin?',
            "you're the reason mirrors crack, {n}",
            'delete that pic, your stomach is everywhere',
            "you look like you haven't eaten in a month, creepy",
            'those legs are {b}, cover them up',
            '{b} girls like you should stay off camera',
            'your body is {b}, no wonder you wear hoodies',
        ],
        "heldout": [
            "{n} looks {b} in every photo", "how are you so {b}, gross", "maybe skip dessert for a year, {n}",
            "you have a face only a mother could love", "those arms are {b}, gym exists you know",
        ],
    },
    "exclusion": {
        "train": [
            "nobody wants you here", "just leave the group, no one likes you", "you don't belong here {n}",
            "we're all unfollowing you, don't bother coming back", "everyone hates you, just go",
            "{n} isn't invited and never will be", "no one wants to sit with you at lunch",
            "we made a new group chat without you on purpose", "you'll never be one of us",
            "go find other friends, we're done with you", "nobody here even likes you, {n}",
            "leave, you ruin everything you join", "don't you get it? we don't want you around",
            "no one will ever want to be your friend", "unfollow {n} everyone, she's not one of us",
            "you're not welcome at our table anymore", "kick {n} out of the chat, nobody likes him",
            'nobody wants you in this group, {n}',
            "you're not invited, don't even ask",
            'stay away from us, {n}',
            'this chat is for real friends only, so not you',
            "we'd all be happier if you left the team",
            "go sit somewhere else, you're not one of us",
            'no one asked you to join, {n}',
            'leave the server, nobody wants you',
            "we don't want you at practice anymore",
            'everyone agreed to ignore {n} from now on',
            "you aren't welcome in this group chat",
            "find your own friends, you're not part of ours",
            "we're kicking you out of the club, {n}",
            "don't come to the party, nobody wants you there",
            "we all voted, you're out",
            'none of us want to hang out with you, {n}',
        ],
        "heldout": [
            "this server is better without you, {n}, so stay out", "none of us want you at the party",
            "we all agreed you're out of the team", "why are you still here? you're not welcome",
            "you were never part of this group, {n}",
        ],
    },
    "threat": {
        "train": [
            'I know where you live',
            'I know where you live, {n}',
            'we know where you live',
            'I know your address, {n}',
            'I know which house is yours',
            'you better not show up tomorrow or else',
            "I'm going to hurt you so bad, {n}",
            "I'll end you if you post that again",
            "we're waiting for you after practice, come alone",
            "mess with me again and you'll be in a wheelchair",
            "next time I see you I'm breaking your nose",
            'I know what bus you take, {n}',
            'count your days, {n}',
            "I'm going to find you and beat you up", "watch your back {n}", "I know where you live and I'm coming",
            "you'll regret this when I see you at school", "I will kill you", "say that again and I'll break your legs",
            "I'm going to make your life hell, {n}", "wait till I catch you after class", "I'll smash your face in",
            "keep talking and see what happens to you", "you're dead meat {n}", "I'll burn your house down",
            "I'm gonna stab you 🔪", "sleep with one eye open", "you better hide, I'm coming for you",
            "I'll make sure you never walk again", "my brothers will find you {n}", "I'm bringing a 🔫 tomorrow, {n}",
            "touch my stuff again and I'll hurt you", "you're gonna get what's coming to you tonight",
            'you should be scared to walk home alone, {n}',
            'enjoy your last week at this school',
            "I'd start looking over your shoulder if I were you",
            "nice house you've got, shame if something happened to it",
            'my cousin has a car and he knows your street',
            "don't be surprised when you get jumped",
            "you're getting jumped on Friday, {n}",
            "I've got something waiting for you by the gate",
            "you're going to need stitches after tomorrow",
            'try that again and see if you still have teeth',
            "your little sister walks home alone, doesn't she",
            "I'm done talking, next time it's fists",
            "pray we don't meet in the car park, {n}",
        ],
        "heldout": [
            "one more word and you're getting hurt, {n}", "I'll be waiting outside your door tonight",
            "I swear I'll put you in the hospital", "see you tomorrow, bring an ambulance",
            "you won't make it home safe, {n}",
        ],
    },
    "self_harm": {
        "train": [
            "skip meals until you're finally thin",
            "stop eating, you'll look so much better",
            'starve yourself, fatty',
            'just purge after dinner, it works',
            "you'd be prettier if you stopped eating for a while",
            'eat nothing for a week, {n}, you need it',
            "drink only water until you're skinny",
            "throw up after every meal, that's how I stay thin",
            "kys", "just kill yourself", "go hang yourself {n}", "nobody would miss you if you died",
            "do everyone a favor and end it", "drink bleach", "kys {n}, seriously", "the world is better without you, so end it",
            "why don't you just jump off a bridge", "go cut yourself again lol", "you should just die",
            "kill urself", "end yourself {i}", "k y s", "just stop breathing, {n}", "off yourself already",
            "why are you even alive", "slit your wrists already", "the rope is waiting for you {n}",
            "everyone would celebrate if you died", "pls just end it lol",
            'just end it already, {n}',
            'do the world a favour and kill yourself',
            'go die in a ditch',
            'nobody would care if you ended it all',
            'you should off yourself',
            'go jump off a roof, {n}',
            'please just disappear forever, permanently, end yourself',
            "why don't you go overdose",
            "if I were you I'd kill myself",
            "you'd be better off dead, {n}",
            'kys nobody likes you',
            'just go die already',
            'step in front of a bus, {n}',
            'take a handful of laxatives after you eat, it works',
            'pop some diet pills and skip dinner, {n}',
            "make yourself throw up, it's the only way you'll get thin",
            "you're still way too heavy, stop eating completely",
            'chew it and spit it out, never swallow',
            "don't eat until you can see your hip bones",
            'fast for three days, you need to shrink',
            'drink laxative tea all week, {n}, you need it',
        ],
        "heldout": [
            "do us all a favour and disappear forever, permanently", "{n} go jump in front of a train",
            "you'd be doing the world a service if you ended it", "why are you still alive, just end it",
            "kys already, {i}",
        ],
    },
    "identity_hate": {
        "train": [
            'go back to your country',
            'go back to your own country, {ga} trash',
            'go back to where you came from',
            '{g} should go back where they came from',
            'why are {g} always so filthy?',
            'I honestly think {g} are worthless',
            'in my opinion {g} are a cancer',
            '{g} should not be allowed to have kids',
            "it's obvious {g} are inferior",
            '{g} belong in cages',
            "I'm going to hurt every {ga} person I see",
            '{g} need to be wiped out',
            "can't stand {g}, they make me sick",
            '{g} like you are the reason everything is broken',
            "you're just another dirty {ga} rat",
            "isn't it funny how {g} are all lazy",
            '{g} are not human',
            'shoot every one of those {g}',
            "{g} are animals", "all {g} should be deported", "I hate {g}", "{g} don't deserve rights",
            "{g} are a disease on this country", "get these {g} out of our town", "{g} are all criminals",
            "never trust {g}, they're all liars", "{g} are subhuman", "{g} ruin every neighbourhood they move into",
            "I wish {g} would all disappear", "{g} are disgusting vermin", "go back where you came from, {ga} scum",
            "no {g} allowed in this group", "{g} are too stupid to vote",
            "{g} are ruining this country", "I don't want {g} living near me", "{g} should be locked up",
            "bunch of filthy {g}", "{ga} people are a plague", "{g} are 🐒🐒",
        ],
        "heldout": [
            "{g} are parasites and should be banned", "we need fewer {g} in this country",
            "{g} can't be trusted with anything", "typical {ga} trash", "the world would be better without {g}",
        ],
    },
    "sexual_harassment": {
        "train": [
            "how old are you {n}? send a selfie, don't tell your parents",
            "you're really mature for 13, we should talk more",
            "let's move this to a private app where nobody can see",
            "this is our little secret, ok? don't tell anyone we chat",
            "I'll buy you whatever you want if you send me pics",
            'are you home alone right now? add me on snap',
            "delete our messages so your mom doesn't find them",
            "you're only 14? that's fine, age is just a number",
            "come meet me after school, don't bring your friends",
            'send me a pic in your pyjamas, {n}',
            "send me nudes or I'll tell everyone", "nice tits, wanna hook up?", "I want to see you naked {n}",
            "you'd look better without clothes", "show me what's under that shirt babe",
            "I'll keep messaging until you send pics", "your body is made for me, come over tonight",
            "bet you're a freak in bed {n}", "send pics of your ass", "I'd love to grab that ass",
            "why won't you send nudes, stop being a prude", "come sit on my lap sexy",
            "I'll show everyone your pics unless you send more", "what color is your underwear {n}?",
            "I'm going to grope you at the party", "dm me your body pics or else",
            "I'm 23 but honestly you act way older than 13",
            "you're so grown up for your age, {n}, not like other kids",
            'adults get you better than kids your age, right?',
            "let's keep talking on whatsapp, your parents check this app",
            'message me on discord instead, nobody can see it there',
            "switch to signal with me, it's just for us",
            "can we talk somewhere the mods can't read?",
            'give me your snap so we can talk in private, {n}',
            "I'm 30 and you're 14 but we really get each other",
            "don't tell anyone about the gifts I send you",
            'what time do your parents go to bed? call me after',
            "you can trust me more than your mum, she doesn't understand you",
            "I'll send you money for the bus, just come see me alone",
            'wear that crop top on camera for me tonight, {n}',
        ],
        "heldout": [
            "take off your top on camera for me", "{n}, I keep thinking about your body, send a photo",
            "you owe me a naked picture", "wear something shorter tomorrow for me", "let me touch you, you know you want it",
        ],
    },
    "sexual": {
        "train": [
            'she slowly undressed and climbed on top of him',
            'he pulled her panties down and kissed her thighs',
            'I came so hard last night thinking about you',
            'looking for a hookup, send dick pics',
            'our sex story part 3: the hot tub',
            'his hands were all over her naked body',
            'nsfw: pics of me naked in the shower',
            'I want you inside me right now',
            "horny and looking for someone to fuck tonight", "check out my onlyfans for explicit videos",
            "she moaned as he thrust deeper into her", "I want to suck your cock", "watch me play with myself live",
            "hot wet pussy pics in my bio", "rough sex tonight, who's in", "full nude video, link in bio",
            "I'm touching myself thinking about you", "free porn videos here",
            "my dick is so hard right now", "spread your legs for the camera", "hardcore anal videos free",
        ],
        "heldout": [
            "explicit sex tape leaked, click to watch", "naked cam show starting now, come join",
            "I love getting fucked hard", "dm me for nudes and dirty videos",
        ],
    },
    "violence": {
        "train": [
            'the video where the soldier gets blown apart is my favourite',
            'I want to see them bleed',
            'slaughter them like pigs',
            'I laughed so hard watching that guy get his head smashed in',
            'they all deserve to be shot in the street',
            'more blood next time, that fight video was too tame',
            'whoever stabbed him did the world a favour',
            'the attacker is a legend, more people should do that',
            'line up every one of them and open fire',
            "I'd pay to watch him get tortured",
            "drag him behind a car until there's nothing left",
            'post more videos of people getting beaten, I love it',
            'that bombing was the best news all year',
            'they should be hanged in the town square',
            "beat him until he can't breathe, he earned it",
            'I hope the whole building burns with them inside',
            'rip their guts out and feed them to the dogs',
            "the video of him getting his skull crushed was hilarious", "they should line them up and shoot them all",
            "blood and guts everywhere, I loved watching it", "that school shooter is a hero",
            "I love watching people get beaten until they stop moving", "someone should bomb that place",
            "cut off their heads and hang them up as a warning", "he deserved to be stabbed to death",
            "watching the fight where his jaw snapped on repeat 😂", "burn them alive",
            "gas them all", "the best part was when the blood sprayed everywhere",
            "shoot up the school, they deserve it", "I'd torture him slowly and enjoy every second",
            'watching that guy get beaten made my whole week',
            'they all deserve to die in a fire',
            'that terrorist attack was awesome, more please',
            'I hope someone shoots every one of them',
            'the footage of the bodies was so satisfying',
            'seeing him bleed out on camera was the best part',
            'that shooting was honestly beautiful',
            'every last one of them deserves a bullet to the head',
            "I'd love to see them all hanged",
            'the attack on that church was well deserved',
            'that war video where they got blown up made me laugh so hard',
            'more people like that bomber please',
            'the crash where everyone died was epic',
            'line them against a wall and shoot',
        ],
        "heldout": [
            "the crash video with bodies everywhere made my day", "every one of them deserves a bullet",
            "I'd love to watch that guy bleed out", "that massacre was beautiful honestly",
        ],
    },
    "doxxing": {
        "train": [
            '{n} lives on Maple Avenue, the blue house, go say hi',
            'her snapchat and home address are in my bio, go get her',
            "leaking {n}'s number now: 555-2291",
            "I'm posting your parents' address and your schedule",
            "found {n}'s instagram, school and street, spreading it everywhere",
            'this is where {n} parks every day, plate ABC-123',
            "screenshot of {n}'s private messages going public tonight",
            "I'll tell everyone where you live unless you delete that",
            "{n}'s dad's work number is 555-7712, harass him",
            "everyone go to {n}'s house after school, address below",
            'I know your full name, your school and your street, {n}',
            'sharing the hotel room number {n} is staying in',
            "{n} lives at 42 Elm Street, go pay her a visit", "here's her phone number: 555-0134, call her",
            "I'm going to post your address online", "I found your real name and where you work, everyone will know",
            "{n}'s home address is 17 Park Road, flat 3", "posting {n}'s school and class schedule so you can find him",
            "I have your mom's number and I'm sharing it", "her IP is 192.168.4.20, have fun",
            "I'll leak your private photos and your address", "this is {n}'s workplace, flood them with calls",
            "{n}'s phone number is 07700 900123, tell him what you think", "I know which school your kids go to",
            "sharing {n}'s new address so everyone can visit", "exposing {n}'s real identity tonight, stay tuned",
        ],
        "heldout": [
            "everyone, {n} works at the bakery on 5th avenue, you know what to do",
            "dropping his home address in the comments", "I know your password and I'll publish your messages",
            "here is {n}'s personal email and phone, spam it",
        ],
    },
    "at_risk": {
        "train": [
            'I took more pills than I should have tonight',
            'sometimes I hold the knife and think about it',
            "I don't think I can keep going",
            'I want to disappear and never come back',
            'everyone would be happier if I was dead',
            "I don't want to be here anymore", "I've been thinking about ending my life", "I can't stop cutting myself",
            "nobody would care if I disappeared", "I want to die", "I wrote a goodbye letter tonight",
            "I feel like everyone would be better off without me", "I've been hurting myself again",
            "I don't see the point of living anymore", "I have the pills ready", "I keep thinking about killing myself",
            "every day I wish I wouldn't wake up",
            "I'm a burden to everyone, I should just go", "I cut again last night", "I don't want to live like this anymore",
            "I'm thinking of jumping tonight", "no one would notice if I was gone forever",
            "I haven't eaten properly in a week and I don't care anymore",
            'I skip meals on purpose because I hate my body',
            'I made myself throw up again after dinner',
            'I only let myself eat an apple a day, I deserve to be hungry',
            "I starve myself when I feel bad and it's getting worse",
            'I weigh myself ten times a day and skip every meal',
            'I punish myself by not eating',
            'my wrists are covered in scars and I keep adding more',
            'I burn myself when it gets too much',
            'I scratch my arms until they bleed',
            'I hid the razor under my bed again',
            'the cuts keep getting worse and nobody knows',
            "I've been self harming since summer and I can't stop",
            'I relapsed, I cut again after three months clean',
            "tonight I'm going to take all of them",
            'I looked up how many pills it would take',
            "I gave away my stuff, I won't need it",
            'it would be easier for everyone if I just stopped existing',
            "I feel so empty, I don't want to wake up tomorrow",
            "I'm so done, nothing is ever going to get better",
            'my parents would be relieved if I was gone',
            'I keep stopping on the bridge on my way home and looking down',
            "I'm scared of what I might do to myself tonight",
            'I deserve to hurt, so I do',
            'I hate myself so much I want to disappear',
            "{n}, I can't stop thinking about dying",
            "{n}, I don't think I'll be around much longer",
        ],
        "heldout": [
            "I'm so tired of existing, I think tonight is the night", "I just want everything to stop forever",
            "I've started planning how to end it", "what's the point in me being alive",
        ],
    },
    # ------------------------------------------------------------ not harmful
    "kind": {
        "train": [
            "you're braver than you give yourself credit for, {n}",
            "you're tougher than you look and I love that",
            "you're way smarter than you think",
            "you're more {c} than you realise",
            "you're stronger than any hater, {n}",
            'you handled the trolls like a pro',
            'the way you dealt with that bully was so mature',
            'you kept your cool with those rude comments, respect',
            "you're tougher than you think, keep going",
            'you are so much stronger than you know',
            "don't let them get to you, you're {c}",
            'ignore the haters, your work is {c}',
            'you handled that so gracefully, {n}',
            'I learned so much from your post, thank you',
            'sending you a big hug today',
            "your kindness doesn't go unnoticed",
            "you're going to do great tomorrow",
            "sorry for snapping at you earlier, that wasn't fair",
            'you make people feel seen, {n}',
            'congrats on the new job, you earned it',
            'what a lovely thing to do for your neighbour',
            'I appreciate you more than you know',
            '{g} are an important part of our community',
            'so proud to stand with my {ga} neighbours',
            '{g} deserve respect and safety',
            'happy pride to all the {g} out there 🌈',
            'we welcome {g} here',
            "you're such a great friend, {n}",
            'you handled that so gracefully',
            'I admire how hard you work',
            'your post really cheered me up',
            'this is wholesome, thank you for sharing',
            'love your style, {n}!',
            'you have the kindest heart',
            'thanks for standing up for me today',
            "you were right, I'm sorry",
            'wishing you all the best on your exam tomorrow',
            'this community is lucky to have you',
            'your smile is contagious',
            "you're so {c}!", "{n} you are incredibly {c}", "thank you so much for helping me today",
            "I'm sorry I was rude yesterday, you didn't deserve that", "you've got this, I believe in you",
            "proud of you {n}!", "this made my day, thank you", "you're one of the most {c} people I know",
            "sending you a big hug ❤️", "congrats on the new job, you earned it 🎉", "your drawing is amazing",
            "thanks for always listening to me", "I really appreciate you, {n}", "keep going, you're doing great",
            "I'm here for you if you need to talk", "sorry for your loss, thinking of you", "welcome to the group, {n}!",
            "your kindness means the world to me", "that was such a {c} thing to do", "great work, really impressive",
            "{g} are wonderful neighbours", "I love my {ga} friends", "you light up every room, {n}",
            "thank you for being so patient with me", "apologies, I was wrong and you were right",
            "you're doing amazing, don't give up", "so grateful to have you in my life",
            'your story made me cry happy tears',
            'you are such a bright light in this group',
            "I'm so glad you're here, {n}",
            'everyone on the team loves working with you',
            'your art always makes my day better',
            'thank you for including me, it meant a lot',
            '{n} is the most {c} person I have ever met',
            'nobody is as {c} as you, {n}',
            'honestly what a {c} person you are',
            "honestly {n}, you're so {c}",
            "honestly you're the best",
            'the {c} {n} is back again!',
            "everyone thinks you're {c}, {n}",
            'your whole personality is being {c} and I love it',
            'you really are {c}, huh',
            "{n}, you're {c} beyond belief",
            'are you always this {c} or is today special?',
            'you have the heart of a saint, {n}',
            'honestly everyone here is better because of you',
            'you make this group so much better, {n}',
            'everyone around you is lucky',
            'honestly, thank you for everything',
        ],
        "heldout": [
            "honestly {n}, you make everyone around you better", "you inspire me every single day",
            "I owe you one, thanks for having my back", "my apologies for the misunderstanding, {n}",
            "so happy for you, well deserved 💕", "you're truly {c}",
        ],
    },
    "kind_profanity": {
        "train": [
            'sick ass painting, {n}',
            "you're an absolute machine on the bike",
            'beast mode, you crushed it',
            "that's fucking sick, teach me",
            'insane skills, holy shit',
            'dope as hell, great job {n}',
            'your cooking is crazy good, damn',
            'that edit goes hard as fuck',
            "you're a killer singer, wow",
            'you absolute beast, you finished the race!',
            "you're a savage on that guitar, {n}",
            'that was badass, {n}',
            "you're such a badass for standing up to them",
            "mad respect, you're a legend",
            "you're a beast at this, damn",
            "you're one tough cookie, hell yeah",
            "you're a total badass, {n}",
            'that was savage in the best way lol',
            'you crazy genius, that was sick',
            "dude, you're a monster on the court, so good",
            '{n} you crazy bastard, you actually did it, congrats',
            'that goal was sick as fuck, {n}',
            'bloody brilliant work, mate',
            "you're a damn genius, {n}",
            "I'm so fucking proud of you",
            "this slaps so hard, you're {c}",
            'dude that drawing is insane, holy crap',
            'fuckin love this, keep posting',
            'god damn, {n}, your voice is unreal',
            'hell of a job on the mural, seriously',
            'shit yeah, best teammate ever',
            "you're so f***ing {c}", "holy shit {n} this is amazing, great work", "damn girl you killed it",
            "this is badass, well done", "you're fucking {c}, never change", "hell yeah {n}, so proud of you",
            "shit, that's the best cover I've ever heard", "you absolute legend, that was fucking brilliant",
            "damn you're {c}", "fuck yes, you did it!!",
        ],
        "heldout": [
            "goddamn {n}, that painting is incredible", "you're so damn {c}", "holy crap you nailed it",
            "fuckin awesome job, {n}",
        ],
    },
    "profanity_things": {
        "train": [
            "{x} is awful as hell", "fucking {x}", "{x} is a piece of shit", "damn {x}", "{x} sucks so bad today",
            "ugh {x} is killing me", "what the hell is wrong with {x}", "{x} can go to hell",
        ],
        "heldout": ["{x} is shit again", "screw {x}", "{x} is a damn nightmare", "bloody hell, {x}"],
    },
    "counter_speech": {
        "train": [
            "a kid at school said '{g} don't belong here' and I told a teacher",
            "why do people think it's ok to call someone a '{i}' for being different?",
            'if someone tells you to kys, please talk to someone you trust',
            "the comments calling {n} '{a}' are cruel, please stop",
            "I used to call people '{i}' and I regret it",
            "got called '{b}' in the hallway again, does it ever stop?",
            'someone posted my address last year and it was terrifying, protect your info',
            "threats like 'I'll find you' should be reported right away",
            "saying '{ga} people are stupid' is prejudice, not a joke",
            "to whoever wrote 'you're a {i}' under her video: be better",
            "if you say '{g} are vermin' you need to educate yourself",
            'posts claiming {g} are criminals are just racist lies',
            "I can't believe someone wrote '{g} should be deported' in the comments",
            "no, {g} are not 'a disease', stop spreading hate",
            "people calling me a '{i}' online made me stronger",
            "reporting every comment that says 'kys'",
            "someone called me a 'fat pig' today and it really hurt", "calling people '{i}' is not okay",
            "stop telling people to kys, it's disgusting", "he said 'nobody wants you here' to the new kid, that's bullying",
            "I got a message saying 'you're {a}' and I reported it", "saying '{g} are animals' is hate speech, report it",
            "my classmate keeps calling me ugly, what should I do?", "reported an account that told me to kill myself",
            "we need to stop saying 'go back to your country' to people", "being called a '{i}' every day is exhausting",
            "please don't call {n} a {i}, it hurts", "'kys' is never a joke",
            "I'm so tired of people saying '{g} are animals'", "someone commented 'kys' on my post, reported",
            "he called me '{a}' in front of everyone and I cried", "quote: 'nobody wants you here' - this is what bullying looks like",
        ],
        "heldout": [
            "a stranger wrote 'you're {b}' under my photo, how do I block them?",
            "telling someone to 'end it' is cruel and I won't accept it here",
            "they called my brother a '{i}' and I told a teacher", "comments like '{g} should leave' are racist",
        ],
    },
    "negation": {
        "train": [
            'nobody is kicking you out of anything, {n}',
            "you're not being kicked from the group, I promise",
            "no one's removing you, you belong here",
            "we're not throwing you out, stay as long as you want",
            'nobody is pushing you away, we love having you',
            "you're not getting dropped from the team",
            'no one is throwing you out of the group, {n}',
            "we're not leaving you out, come with us",
            'nobody is kicking you off the team',
            "you're not being removed from the chat, don't worry",
            "we'd never exclude you, {n}",
            'no one wants you gone, we want you here',
            "you're not getting kicked out, relax",
            'nobody is ignoring you on purpose, we just missed your message',
            "nobody here thinks you're {b}, you look great",
            "you're not a {i}, you made one mistake",
            'I would never call you {a}, {n}',
            "you don't look {b} at all in that photo",
            "no, you're not annoying, text me anytime",
            "stop saying you're {a}, it isn't true",
            "you aren't a burden, we love having you here",
            "there's nothing {a} about asking questions",
            'not a single person here thinks you should leave',
            "being quiet doesn't make you a {i}",
            '{g} are not disgusting',
            'no {ga} person deserves to be treated like that',
            'I would never say {g} are inferior',
            '{g} are not a threat to anyone',
            "it's wrong to say {g} are lazy",
            "you're not {a}, they're just jealous",
            "nobody here thinks you're {b}",
            "I don't think you're {b} at all, {n}",
            'you are not a {i} and never were',
            "who said you're {a}? you're {c}",
            "you're not worthless, you matter",
            "I'd never say you don't belong, you do",
            'you are not a burden to anyone',
            "you are not ugly at all", "nobody thinks you're {a}", "you're not a {i}", "I would never call you fat",
            "you're not {b}, you look great", "{n} is not {a}, she's brilliant", "don't listen to them, you're not a {i}",
            "you are definitely not worthless", "no one here wants you to leave", "you do belong here",
            "you're not fat, you're beautiful", "I never said you were {a}", "{n} isn't a {i}, stop saying that",
            "you're not ugly, don't believe them",
            'you are nowhere near {a}, {n}',
            "you're anything but a {i}",
            "far from being {a}, you're {c}",
            "nobody thinks you're a {i}, honestly",
            'nobody wants you out of the group, {n}',
            'no one wants you off the team, stay',
            'nobody wants you gone from the server',
            'no one wants you to leave the chat, honestly',
            'nobody wanted you out, it was a misclick',
            'none of us want you kicked, {n}',
            "you're not {a} at all, {n}, you're {c}",
        ],
        "heldout": [
            "you're far from {a}, {n}", "I don't think you're a {i} at all", "you're not annoying, I love our chats",
        ],
    },
    "neutral": {
        "train": [
            '{n} posted the schedule for next week',
            'my neighbour {n} is {ga}',
            'we had a talk about {ga} history in class',
            '{g} live in every city in this country',
            'the {ga} bakery on my street opened early',
            'my cousin is dating someone {ga}',
            '{n} and her brother are going to the library',
            'I read an article about {g} in the news',
            'the team lost 3-0, we were terrible today',
            'my cat is fat and lazy and I love him',
            'this pizza is so greasy lol',
            'I feel ugly in this old jacket, time for a new one',
            "the movie's villain was a total idiot",
            'the guide explained how to stay safe online',
            'she moved to the south side last year',
            'how many {g} live in this city?',
            'the {ga} club meets on Thursdays',
            'a documentary about {g} in the 1950s',
            "my teacher is {ga} and she's strict about homework",
            'are there any {ga} restaurants near the station?',
            'the fat content in this recipe is high',
            'my sister is skinny and plays basketball',
            'we watched a war documentary',
            'the shooting range was closed today',
            'police reported a stabbing downtown last night',
            'my address changed, update your contacts',
            'call me at the office tomorrow',
            "I'm sharing my new phone number with family only",
            'wow you actually came, great to see you!',
            'my older brother is 25 and just moved to telegram for work',
            '{n} is 12 and already plays the cello',
            'the pharmacist explained how laxatives work',
            'our health class covered eating disorders and where to get help',
            'we switched the class chat to signal',
            "I'm fasting for Ramadan this month",
            'my mum is on a diet before the wedding',
            'she turned 14 last week and had a big party',
            'the coach is 30 and has trained us for years',
            'message me on discord about the project',
            'the horror movie had so much blood, not for me',
            "I gained weight over the holidays and I'm fine with it",
            "{n} is coming to dinner tonight", "I'm {ga} and I love hiking", "the {ga} community centre has a bake sale",
            "what time is the meeting tomorrow?", "just finished my run, feeling tired", "{g} have lived here for centuries",
            "my neighbour {n} is {ga}", "anyone know a good pizza place?", "the {ga} festival is this weekend",
            "I'm reading a book about the history of {g}", "{n} posted photos from the trip", "the bus was late again",
            "I voted today", "my cat knocked over my coffee", "learning to cook {ga} food",
            "I'm {ga}, ask me anything", "my friend {n} and I went to the museum", "the game ended in a draw",
            "why do {g} celebrate this holiday?", "{n} said the exam was hard", "as a {ga} man I have mixed feelings",
            "my grandma was {ga}", "the report covers violence against {g}", "news: protest against hate toward {g}",
            "the killer in the movie was so creepy", "I could kill for a pizza right now", "this song slaps, it's sick",
            "that exam murdered me lol", "we destroyed them in the match yesterday",
            "I think the second option is better", "the movie was kind of boring",
            'the war museum has a new exhibit on the bombing',
            'the news showed the aftermath of the shooting',
            'my history class covered the massacre today',
            'the boxing match was intense',
            'I watched a documentary about a terrorist attack',
            'I gained weight and I feel healthier',
            'the group chat is planning the party for saturday',
            'we kicked off the club meeting at noon',
            "I'm leaving the team to focus on school",
            'that horror film had a lot of gore',
            "{g} make up a large share of the city's teachers",
            'about a third of our town is {ga}',
            'honestly I think the second option is better',
            'everyone is welcome at the {ga} community dinner',
        ],
        "heldout": [
            "{n} and I are planning a trip", "as a {ga} person, I found this article interesting",
            "the {ga} bakery down the street has great bread", "what are your plans for the weekend?",
            "I disagree with the referee's call", "{g} make up a big part of our city",
        ],
    },
}

# Continued run 12 (2026-12-02): the shipped model read praise addressed to a named person ("<name> your singing
# gave me chills", "you're a wizard with makeup") and offers of company or a call as insults or harassment, because
# our insult templates share that shape. These TRAIN-only texts give the same shapes kind meanings, with a few
# put-downs in the same shapes so the boundary is learned rather than "name + your = kind".
T["kind"]["train"] += [
    "{n} your speech at the assembly gave me goosebumps",
    "{n} your voice in choir today was unreal",
    "{n}, that poem you read out made half the class tear up",
    "{n} your cake at the bake sale sold out in ten minutes, deserved",
    "{n} your goal in the last minute was the best thing I've seen all season",
    "{n} your notes saved my whole revision, thank you",
    "{n}, your photos from the trip should be in a magazine",
    "{n} your garden looks like something out of a film",
    "{n} the mural you painted in the hallway makes me smile every morning",
    "{n} your playlist got me through my shift",
    "{n} you explained that better than the teacher did",
    "{n} you're honestly the funniest person I know and I mean that",
    "{n} you're the reason this club is fun",
    "{n} you're the heart of this team",
    "{n} you make Mondays bearable",
    "{n}, you're a wizard with code",
    "{n} you're a genius with a sewing machine",
    "you're a magician with spreadsheets, {n}",
    "{n} you're a legend for bringing snacks",
    "{n} you're an icon, that outfit is perfect",
    "{n} your handwriting is so neat it's unfair",
    "{n}, your bread looks professional, recipe please",
    "{n} your skateboarding has gotten so good this year",
    "{n} your drumming at the gig was tight",
    "{n} you were robbed, your entry was the best one",
    "{n} you absolutely nailed that interview",
    "{n} you aced it, knew you would",
    "{n} you smashed your personal best today",
    "{n} you were on fire in the debate",
    "{n} your dance solo was mesmerising",
    "{n} the way you stood up for the new kid today was everything",
    "{n}, you matter so much to this group",
    "{n}, we'd be lost without you",
    "{n} this friend group isn't the same when you're away",
    "{n} the chat is so much better when you're in it",
    "{n} your laugh is the best sound",
    "{n} your first vlog was so good, post more",
    "{n} you've improved so much since september",
    "{n} I can't believe you built that yourself",
    "{n} your essay made me see it completely differently",
    "that painting of yours belongs on a wall somewhere fancy",
    "your sketchbook is full of masterpieces",
    "your cover of that song is better than the original",
    "your cooking makes the whole house smell amazing",
    "you're the funniest person in this chat, no contest",
    "your comments always make my day",
    "you're so good at making people feel welcome",
    "you have the best taste in music",
    "you're a natural on stage",
    "you're so patient with the little ones, they adore you",
    "you've got a gift for explaining things",
    "your room looks so cosy, love what you did with it",
    "I showed my mum your drawing and she wants one",
    "you made the whole class laugh today, legend",
    "you deserve every bit of that award",
    "first place!! so deserved",
    "you passed!! so happy for you",
    "congrats on your black belt, that's years of work",
    "happy birthday to the kindest person I know",
    "your hard work is really showing",
    "you're allowed to rest, you've done so much",
    "you've worked so hard, take the evening off",
    "small wins still count and you're winning",
    "look how far you've come since last year",
    "one step at a time, you're doing it",
    "text me any time, even at 2am, I'll answer",
    "call me whenever you want to talk, day or night",
    "want me to come over? we can just watch something",
    "can I call you tonight? you seemed quiet today",
    "I'll stay on the phone as long as you need",
    "I'm not going anywhere, I'm right here",
    "do you want me to walk you home after practice?",
    "I'll come with you to talk to the counsellor if you want",
    "want to sit together at lunch tomorrow?",
    "you can always crash at mine if home gets too much",
    "you're not a burden, I promise, I like talking to you",
    "I'm really glad you told me, that took courage",
    "if you ever need a distraction, I'm one message away",
    "bringing you soup later, no arguments",
    "you'd be so missed if you weren't here, you know that right",
    "thank you for checking on me yesterday, it meant a lot",
    "thanks for covering my shift, I owe you",
    "thank you for being patient while I figured it out",
    "sorry I forgot your birthday, let me make it up to you",
    "I'm sorry I laughed, it wasn't funny and you didn't deserve it",
]
T["kind_profanity"]["train"] += [
    "{n} you absolute menace, that was the best goal of the season",
    "{n} you maniac, you actually finished the whole thing",
    "holy hell {n}, you're a machine",
    "{n} you're a freaking genius with makeup",
    "you sick genius, how did you even make that",
    "damn {n}, you killed that presentation",
    "{n} you mad genius, it works!",
    "absolute madman, you did the whole marathon",
    "{n} that drawing is sick as hell",
    "{n} you're a fucking rockstar for organising all this",
    "you beautiful idiot, you remembered",
    "so proud of your dumb ass, you did it",
    "hell yeah {n}, first place!!",
    "{n} your banana bread is elite, I need the recipe",
    "damn {n}, you crushed that exam",
    "that solo was nasty in the best way",
    "{n} you're a goddamn legend",
    "shit {n}, that's the best thing you've ever made",
]
T["insult"]["train"] += [
    "{n} your singing at the assembly was painful, please stop",
    "{n} your drawing looks like a toddler did it",
    "{n} you're the reason this club is boring",
    "{n} you make Mondays even worse",
    "{n}, nobody laughs at your jokes, we just feel sorry for you",
    "{n} your cooking could kill someone",
    "{n} you're a clown with a sewing machine, give up",
    "{n} the chat is so much better when you're not in it",
    "{n} your voice is honestly the worst sound",
    "{n} your vlog was so cringe, delete it",
    "your sketchbook is full of garbage",
    "you're the least funny person in this chat",
]
T["sarcasm"]["train"] += [
    "{n} your singing is so unique, like a cat in a blender",
    "wow {n}, you finished something for once, a miracle",
    "{n} you're such a genius, it only took you three tries to spell your name",
    "love how you always have an opinion nobody asked for, {n}",
]


# Run 13 (2026-12-02): literal texts from six helpers who saw no evaluation text (training/cases_written.py).
for _family, _texts in written_by_family().items():
    T[_family]["train"] += _texts


HARMFUL_FAMILIES = {
    "insult": {"insult": 1}, "sarcasm": {"insult": 1}, "body_shaming": {"body_shaming": 1, "insult": 1},
    "exclusion": {"exclusion": 1}, "threat": {"threat": 1}, "self_harm": {"self_harm": 1},
    "identity_hate": {"identity_hate": 1}, "sexual_harassment": {"sexual_harassment": 1},
    "sexual": {"sexual": 1}, "violence": {"violence": 1}, "doxxing": {"doxxing": 1},
}
KIND_FAMILIES = {"kind", "kind_profanity"}

# ---------------------------------------------------------------- obfuscation
_LEET_OUT = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"}
_EMOJI_FOR = {"pig": "🐷", "clown": "🤡", "trash": "🗑️", "knife": "🔪", "gun": "🔫", "monkey": "🐒", "dead": "💀"}


def obfuscate(text: str, rng: random.Random) -> str:
    """Disguises a text the way abusers do; the normaliser must undo it."""
    words = text.split(" ")
    if not words:
        return text
    style = rng.choice(["leet", "spacing", "repeat", "zw", "emoji", "mixed", "star", "cyrillic"])
    idx = max(range(len(words)), key=lambda k: len(words[k]) + rng.random() * 3)
    w = words[idx]
    if style == "leet":
        words[idx] = "".join(_LEET_OUT.get(c, c) if rng.random() < 0.7 else c for c in w)
    elif style == "spacing":
        words[idx] = " ".join(w)
    elif style == "repeat":
        vowels = [k for k, c in enumerate(w) if c in "aeiouy"]
        if vowels:
            k = rng.choice(vowels)
            words[idx] = w[:k] + w[k] * rng.randint(3, 6) + w[k + 1 :]
    elif style == "zw":
        words[idx] = "\u200b".join(w)
    elif style == "emoji":
        for word, emo in _EMOJI_FOR.items():
            if word in text:
                return text.replace(word, emo)
        words.append(rng.choice(["🤡", "🐷", "🗑️"]))
    elif style == "star":
        if len(w) > 3:
            words[idx] = w[0] + "*" * (len(w) - 2) + w[-1]
    elif style == "cyrillic":
        words[idx] = w.replace("a", "а").replace("o", "о").replace("e", "е")
    else:
        words = [("".join(_LEET_OUT.get(c, c) for c in x) if rng.random() < 0.4 else x.upper()) for x in words]
    return " ".join(words)


def _fill(template: str, split: str, rng: random.Random) -> str:
    g = rng.choice(GROUPS[split])
    repl = {
        "n": rng.choice(NAMES[split]), "i": rng.choice(INSULT_NOUNS[split]), "a": rng.choice(INSULT_ADJS[split]),
        "b": rng.choice(BODY[split]), "c": rng.choice(COMPLIMENTS[split]), "g": g[0], "ga": g[1],
        "x": rng.choice(THINGS[split]), "p": rng.choice(PLACES[split]),
    }
    out = re.sub(r"\{(\w+)\}", lambda m: repl[m.group(1)], template)
    if rng.random() < 0.25:
        out = out[0].upper() + out[1:]
    if rng.random() < 0.15:
        out = out + rng.choice(["!", "!!", " lol", ".", " smh", " 😂", " tbh"])
    return out


# Share of TRAIN fills (at-risk posts aside) that also address someone by name, at the start or the end, in every
# family alike: the name then tells the model nothing about harm (see training/names.py). Each addressed fill has its
# own name, so it survives deduplication more often than a plain one: about half of each family's distinct texts.
VOCATIVE_SHARE = 0.25


def _address(text: str, rng: random.Random) -> str:
    name = rng.choice(NAMES["train"])
    style = rng.randrange(3)
    if style == 0:
        return f"{name}, {text[0].lower() + text[1:] if text[1:2].islower() else text}"
    if style == 1:
        return f"{name} {text[0].lower() + text[1:]}"
    return f"{text.rstrip('.!')}, {name}"


def generate(split: str, per_template: int, seed: int = 13, obfuscate_share: float = 0.3,
             vocative_share: float = VOCATIVE_SHARE) -> list[Case]:
    """Fills every template of the split `per_template` times (deduplicated); harmful ones are
    additionally obfuscated with probability `obfuscate_share` (group name suffixed `+obf`). In TRAIN, a share of
    texts also address someone by name (`vocative_share`)."""
    rng = random.Random(f"{seed}-{split}")
    # Its own stream, so the held-out split stays exactly as it was.
    vocative_rng = random.Random(f"{seed}-{split}-vocative")
    cases: list[Case] = []
    seen: set[str] = set()
    for family, splits in T.items():
        for template in splits[split]:
            for _ in range(per_template):
                text = _fill(template, split, rng)
                if split == "train" and family != "at_risk" and vocative_rng.random() < vocative_share:
                    text = _address(text, vocative_rng)
                if text in seen:
                    continue
                seen.add(text)
                cats = {c: 0 for c in CATEGORIES}
                harmful = family in HARMFUL_FAMILIES
                if harmful:
                    cats.update(HARMFUL_FAMILIES[family])
                if family == "at_risk":
                    cats["at_risk"] = 1
                kind = 1 if family in KIND_FAMILIES else 0
                cases.append(Case(text, int(harmful), kind, cats, family))
                if harmful and rng.random() < obfuscate_share:
                    ob = obfuscate(text, rng)
                    if ob not in seen:
                        seen.add(ob)
                        cases.append(Case(ob, 1, 0, dict(cats), family + "+obf"))
    rng.shuffle(cases)
    return cases


if __name__ == "__main__":
    import collections

    for sp, k in (("train", 12), ("heldout", 6)):
        cs = generate(sp, k)
        print(sp, len(cs), collections.Counter(c.group.split("+")[0] for c in cs))
        for c in cs[:8]:
            print("  ", c.harm, c.kind, c.group, repr(c.text))
