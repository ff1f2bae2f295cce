"""Text material for the demo world: personas, and templates × fragments for posts, comments and replies.

Everything here was written for Kindling. Templates hold `{slot}` names that `TextKit.fill` replaces with a
random fragment from `FRAGMENTS` (fragments may hold slots themselves), so a few hundred lines give thousands
of distinct, plausible texts. Hashtags go through `TextKit.tag`, which mixes casings (#BeKind, #bekind) so the
demo exercises case-insensitive hashtag matching, but always uses the canonical casing the first time a tag
appears, because the first use decides how the tag is displayed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Literal

Role = Literal["adult", "teen", "org"]


@dataclass(frozen=True)
class Persona:
    username: str
    display_name: str
    role: Role
    bio: str
    org_kind: str = ""  # for organisation-like accounts: cafe, school, foundation, library, garden, shelter


# `maya` comes first: the Makefile names her as the account to try, and her presence marks a loaded world.
PERSONAS: list[Persona] = [
    Persona("maya", "Maya Okafor", "adult", "Nurse on night shifts, day-shift optimist. Collecting small kindnesses."),
    # Organisation-like accounts (plain users until organisations exist).
    Persona("corner_cup_cafe", "The Corner Cup Café", "org", "Neighbourhood café. Ask about our pay-it-forward board ☕", "cafe"),
    Persona("riverside_school", "Riverside Secondary School", "org", "Official account. Kindness Week every term, every week in spirit.", "school"),
    Persona("open_hands_fdn", "Open Hands Foundation", "org", "We connect volunteers with neighbours who need a hand.", "foundation"),
    Persona("eastgate_library", "Eastgate Public Library", "org", "Books, warmth and free Wi-Fi. Everyone welcome.", "library"),
    Persona("greenrow_garden", "Green Row Community Garden", "org", "Plots, compost and the friendliest tomatoes in town.", "garden"),
    Persona("pawsandhope", "Paws & Hope Shelter", "org", "Rescue animals looking for their people. Volunteers always welcome.", "shelter"),
    # Teens (ages are assigned by the generator: some 13–15, some 16–17).
    Persona("lea_draws", "Léa", "teen", "i draw things. mostly cats."),
    Persona("tomasz_j", "Tomasz", "teen", "football, maths club, bad puns"),
    Persona("zara_b", "Zara", "teen", "trying to be the person I needed when I was younger"),
    Persona("kenji_13", "Kenji", "teen", "origami + video games"),
    Persona("amara_sings", "Amara", "teen", "choir kid. alto section forever"),
    Persona("noah_reads", "Noah", "teen", "currently reading: everything"),
    Persona("sofia_lu", "Sofía", "teen", "learning guitar, slowly"),
    Persona("elif_k", "Elif", "teen", "volunteer at the shelter on saturdays 🐾"),
    Persona("ravi_codes", "Ravi", "teen", "making tiny games"),
    Persona("ines_m", "Inês", "teen", "swim team. sunscreen evangelist."),
    Persona("jamal_w", "Jamal", "teen", "skateboarding and helping my grandad with his garden"),
    Persona("mila_petrova", "Mila", "teen", "photography club"),
    Persona("ollie_t", "Ollie", "teen", "year 10. be nice."),
    Persona("yuna_park", "Yuna", "teen", "dance, doodles, dumplings"),
    # Adults.
    Persona("jonas_k", "Jonas Keller", "adult", "Bus driver. I wave at everyone."),
    Persona("aiko_t", "Aiko Tanaka", "adult", "Illustrator. Drawing one kind moment a day."),
    Persona("samir_h", "Samir Haddad", "adult", "Dad of three, maker of pancakes."),
    Persona("priya_n", "Priya Nair", "adult", "Primary teacher. Glitter is forever."),
    Persona("lucas_m", "Lucas Moreau", "adult", "Baker. Up at 4, happy by 5."),
    Persona("fatima_z", "Fatima Zahra", "adult", "Pharmacist, runner, tea person."),
    Persona("ben_carter", "Ben Carter", "adult", "Retired postman. Still know every dog on the route."),
    Persona("ana_souza", "Ana Souza", "adult", "Social worker. Believer in second chances."),
    Persona("wei_chen", "Wei Chen", "adult", "Software person. Weekend volunteer at the food bank."),
    Persona("olga_ivanova", "Olga Ivanova", "adult", "Piano teacher. Patience is a practice."),
    Persona("kwame_a", "Kwame Asante", "adult", "Community football coach."),
    Persona("hannah_b", "Hannah Berg", "adult", "Midwife. Tired and grateful."),
    Persona("diego_r", "Diego Ramírez", "adult", "Cyclist, cook, occasional poet."),
    Persona("nadia_s", "Nadia Saleh", "adult", "Architect. Benches are a kindness to strangers."),
    Persona("liam_oconnor", "Liam O'Connor", "adult", "Paramedic. Wear your seatbelt, please."),
    Persona("sara_lind", "Sara Lindqvist", "adult", "Knitter of hats for strangers."),
    Persona("mateo_g", "Mateo García", "adult", "Student nurse."),
    Persona("chloe_d", "Chloé Dubois", "adult", "Florist. Leftover flowers go to the care home."),
    Persona("arjun_p", "Arjun Patel", "adult", "Corner shop, open late, kettle always on."),
    Persona("emma_w", "Emma Walsh", "adult", "Librarian by day, choir by night."),
    Persona("yusuf_d", "Yusuf Demir", "adult", "Taxi driver. Ask me for restaurant tips."),
    Persona("grace_o", "Grace Oyelaran", "adult", "Counsellor. You're doing better than you think."),
    Persona("pedro_alves", "Pedro Alves", "adult", "Gardener. Talking to plants is allowed."),
    Persona("ingrid_h", "Ingrid Halvorsen", "adult", "Grandmother of five, learning to paint."),
    Persona("tariq_m", "Tariq Mahmood", "adult", "Cook at a school canteen."),
    Persona("julia_nowak", "Julia Nowak", "adult", "Physio. Stretch, breathe, repeat."),
    Persona("marco_rossi", "Marco Rossi", "adult", "Barista and amateur astronomer."),
    Persona("leila_k", "Leila Karimi", "adult", "Translator. Words are bridges."),
    Persona("tom_hughes", "Tom Hughes", "adult", "Volunteer firefighter."),
    Persona("mei_lin", "Mei Lin", "adult", "Ceramicist. Mugs for friends."),
    Persona("oscar_n", "Oscar Nilsson", "adult", "Dog walker for the whole street."),
    Persona("rosa_m", "Rosa Martínez", "adult", "Nurse, mum, salsa on Fridays."),
    Persona("daniel_levi", "Daniel Levi", "adult", "History teacher. Kindness has a long history too."),
    Persona("amina_y", "Amina Yusuf", "adult", "Community organiser."),
    Persona("finn_oh", "Finn O'Hara", "adult", "Carpenter. Fixes things for free on Sundays."),
    Persona("chiara_b", "Chiara Bianchi", "adult", "Cellist. Plays in hospital waiting rooms."),
    Persona("kofi_m", "Kofi Mensah", "adult", "Accountant, reluctant runner."),
    Persona("helena_v", "Helena Virtanen", "adult", "Nature photographer."),
    Persona("ahmed_f", "Ahmed Farouk", "adult", "Electrician. Also fixes bikes."),
    Persona("lucy_g", "Lucy Green", "adult", "New to the city, saying yes to things."),
    Persona("ivan_p", "Ivan Petrov", "adult", "Night-shift warehouse, day-shift dad."),
    Persona("nora_q", "Nora Quinn", "adult", "Writer. Collecting overheard kindnesses."),
    Persona("santiago_v", "Santiago Vega", "adult", "Chef. Feeding people is my love language."),
    Persona("beatriz_c", "Beatriz Costa", "adult", "Speech therapist."),
    Persona("george_a", "George Adeyemi", "adult", "Youth worker. Basketball on Thursdays."),
    Persona("maria_k", "Maria Kowalska", "adult", "Retired nurse, full-time grandma."),
    Persona("hugo_l", "Hugo Laurent", "adult", "Student, plant collector."),
    Persona("zainab_r", "Zainab Rahman", "adult", "Doctor in training."),
    Persona("erik_s", "Erik Sørensen", "adult", "Ferry captain."),
    Persona("ayesha_q", "Ayesha Qureshi", "adult", "Maths tutor. No question is silly."),
    Persona("paolo_f", "Paolo Ferri", "adult", "Cyclist, mechanic, fixer of flat tyres."),
    Persona("kim_soo", "Kim Soo-ah", "adult", "Designer. Making signs easier to read."),
    Persona("ruth_a", "Ruth Abara", "adult", "Church choir and soup kitchen on Tuesdays."),
    Persona("max_weber", "Max Weber", "adult", "Postdoc. Bringing snacks to the lab."),
]

# Extra names for worlds larger than the persona list: first names and surnames from many places.
EXTRA_FIRST = [
    "Ada", "Bilal", "Carmen", "Dmitri", "Esi", "Farah", "Goran", "Hana", "Ilse", "Jun", "Kaveh", "Lina",
    "Musa", "Nia", "Omar", "Paula", "Rafael", "Sina", "Tove", "Umar", "Vera", "Wanjiru", "Xavier", "Yara",
]
EXTRA_LAST = [
    "Abe", "Brown", "Costa", "Diallo", "Eriksen", "Fischer", "Gupta", "Horvat", "Ito", "Jensen", "Khan",
    "Lopez", "Mwangi", "Novak", "Owusu", "Pereira", "Rossi", "Silva", "Tran", "Usman", "Varga", "Weiss",
]

CANONICAL_TAGS = [
    "SpreadKindness", "BeKind", "SpreadLove", "CreateKindness", "DriveByKindness", "KindnessChallenge",
    "Gratitude", "SmallJoys", "YouGotThis", "PayItForward", "KindnessWeek", "Neighbours",
]

FRAGMENTS: dict[str, list[str]] = {
    "place": [
        "at the bus stop", "in the supermarket queue", "on the tram", "at the pharmacy", "outside the bakery",
        "in the park", "at the train station", "in the hospital car park", "at the post office",
        "on my morning walk", "at the laundrette", "in the rain outside the library", "at the petrol station",
        "in the lift at work", "at the farmers' market", "on the ferry", "at the swimming pool",
    ],
    "teen_place": [
        "at school", "in the lunch queue", "on the school bus", "in the corridor before maths",
        "at football practice", "in the library at break", "at the skate park", "at choir rehearsal",
    ],
    "stranger": [
        "an older man", "a woman with a pram", "a tired-looking student", "a delivery driver", "a little boy",
        "a lady with two heavy bags", "a guy in a suit", "a grandmother", "a teenager", "a nurse in scrubs",
        "a man with a guide dog", "a couple of tourists", "a very small child and her dad",
    ],
    "drive_by_act": [
        "paid for the coffee of the person behind me",
        "left a note on a stranger's windscreen saying their parking was perfect",
        "put coins in the parking meter that was about to run out",
        "left a bunch of flowers on the bench by the river",
        "returned a lost glove to the lady who dropped it three shops back",
        "let the guy with one item go ahead of me with my full trolley",
        "topped up the bus card of someone whose card was declined",
        "left a thank-you note for our bin collectors",
        "taped a few sticky notes with compliments on the mirror in the station loo",
        "bought an extra sandwich for the man who sits outside the bakery",
        "held the umbrella over someone's shopping while they found their keys",
        "carried a pushchair up the station stairs",
        "wrote a five-star review for the quiet little shoe repair place",
        "left a book I loved on the train with a note: 'your turn'",
        "paid the parking for the car behind me at the hospital",
        "shovelled snow off my neighbour's path before she woke up",
        "swapped seats so a family could sit together",
        "gave my umbrella to someone waiting without one",
    ],
    "witnessed_act": [
        "helped a lost kid find his mum in under a minute",
        "gave up their seat without even being asked",
        "stopped to help pick up a whole bag of spilled oranges",
        "walked an older lady across the big junction, arm in arm",
        "paid for a stranger's groceries when the card machine failed",
        "chased after a bus to tell the driver someone was running for it",
        "sat with a crying toddler so the dad could fold the pram",
        "gave away their last umbrella to someone in sandals",
        "translated for a family at the pharmacy counter",
        "jump-started a stranger's car in the rain",
    ],
    "teen_act": [
        "sat with the new kid at lunch", "shared my notes with someone who was off sick",
        "helped a year 7 find the science block", "lent my calculator for the whole exam",
        "told the quiet girl in art that her painting was amazing",
        "picked up all the spilled pencils for a younger kid",
        "wrote thank-you cards for the cleaning staff", "helped my little brother with his reading",
    ],
    "compliment": [
        "To the woman with the yellow coat {place}: you lit up the whole morning.",
        "Whoever planted the sunflowers by the bridge: thank you, they make my commute.",
        "To the bus driver on the number 12 who waits for runners: you are a legend.",
        "Shout-out to the cashier {place} who remembered my name and asked about my exam.",
        "To the stranger who laughed at my terrible joke {place}: you made my day.",
        "To the dad singing to his baby on the tram: best concert I've been to all year.",
        "The man who fixes bikes for free outside the market deserves a medal.",
        "To the nurse who held my hand during the scan last week: I'm fine, and I still think of you.",
        "To the kid who gave me a drawing of a rainbow {place}: it's on my fridge now.",
        "Whoever leaves the water bowl out for dogs {place}: my dog says thank you.",
    ],
    "feeling": [
        "Made my whole week.", "Still smiling about it.", "Small things, big difference.",
        "It cost nothing and meant everything.", "Felt like the world got a bit softer.",
        "I hope they pass it on.", "Faith in people: restored.", "Tiny thing, huge grin.",
        "Nobody saw it and that's fine.", "Honestly felt better than it should have.",
    ],
    "gratitude_for": [
        "my neighbour who took in my parcels all month", "the friend who sent a voice note just to say hi",
        "the colleague who covered my shift so I could see my daughter's play",
        "my mum's soup delivery when I was ill", "the stranger who found my wallet and handed it in",
        "the teacher who stayed late to explain fractions again", "my flatmate who fixed the boiler at 11pm",
        "the barista who writes jokes on the cups", "everyone who turned up to help us move",
        "the nurses on ward 4", "the guy at the garage who didn't charge me for a tiny fix",
        "the librarian who saved the new book for me",
    ],
    "encourage": [
        "If today was heavy, you don't have to carry all of it at once.",
        "Your pace is still progress.",
        "Reminder: resting is part of the work.",
        "You are allowed to start again as many times as you need.",
        "Someone is glad you exist today, probably more than one someone.",
        "Drink some water, open a window, text someone you love.",
        "Exams don't measure how kind, funny or brave you are.",
        "The first day at a new job is hard for everyone. You'll find your people.",
        "Being gentle with yourself counts as kindness too.",
        "It's okay to ask for help. It's brave, actually.",
    ],
    "creation": [
        "drew this for my little sister", "knitted six hats for the shelter", "baked lemon bars for the night shift",
        "painted a little stone and hid it in the park", "wrote a tiny poem for my grandad's birthday",
        "made a playlist for anyone who's having a rough day", "folded 100 paper cranes for the children's ward",
        "built a bird box with my neighbour's kids", "sketched the old tree on our street before they trim it",
        "made a 'take one, leave one' book box for our building", "recorded my grandma's recipes in a little zine",
        "embroidered a thank-you hanky for my midwife",
    ],
    "challenge": [
        "Day {n} of the 30-day kindness challenge:", "Kindness challenge, day {n}:",
        "Doing the community kindness challenge with my street. Day {n}:",
        "Our office is doing a kindness challenge. My day {n}:",
    ],
    "challenge_task": [
        "wrote three thank-you notes", "called my aunt just to chat", "left encouraging notes in library books",
        "brought snacks for the cleaning crew", "complimented three strangers (terrifying, worth it)",
        "donated the coat I never wear", "helped a neighbour carry her shopping up four floors",
        "didn't complain once all day (nearly)", "picked up litter on the way to work",
        "made tea for the whole floor",
    ],
    "everyday": [
        "First proper sunny morning in weeks. Coffee on the balcony.",
        "The bread rose! After three flat attempts, the bread rose.",
        "Rainy Sunday, soup on, nowhere to be.",
        "My tomato plant has exactly one tomato and I'm so proud of it.",
        "Walked the long way home just to see the cherry trees.",
        "Learning to cook dal from a video and my kitchen smells amazing.",
        "Finally finished the puzzle. One piece missing, of course.",
        "Tried a new route on my bike today and found a tiny lake.",
        "The cat has chosen my laptop as her bed. I have been defeated.",
        "Library haul: four novels and a book about mushrooms.",
        "Long shift done. Tea, blanket, bed.",
        "Grandma taught me her dumpling fold today. Mine look like little rocks.",
        "Band practice went well. Our drummer is still too loud.",
        "Learned to say thank you in five new languages this week.",
        "Repotted every plant in the flat. The balcony looks like a jungle now.",
        "Sunday market haul: apples, honey and far too many tulips.",
        "Night shift done. The sunrise from the hospital roof was ridiculous today.",
        "Made pancakes for the whole building's kids. Flour everywhere.",
        "Fixed the wobbly chair. Feeling like a carpenter.",
        "Found my old diary from when I was twelve. Very dramatic child.",
        "The first snow of the year and the dog has lost her mind.",
        "Cleared out the wardrobe, three bags going to the charity shop.",
        "Tried the new bakery on the corner. The cardamom buns are dangerous.",
        "Choir rehearsal tonight, we finally nailed the harmony in the last verse.",
        "Swimming before work is the best decision I keep almost not making.",
        "My neighbour taught me to play backgammon and then beat me six times.",
    ],
    "question": [
        "What's the kindest thing a stranger ever did for you?",
        "Small ways to be kind at work? Our team needs ideas.",
        "How do you cheer up a friend who doesn't like fuss?",
        "Best thing to bring to a neighbour who just had a baby?",
        "What's one compliment you still remember years later?",
        "Ideas for a kindness challenge with a class of ten-year-olds?",
        "Does anyone know a local group that knits for the hospital?",
        "How do you say thank you to someone you'll never see again?",
        "What's a tiny act of kindness that costs nothing?",
    ],
    "n": [str(i) for i in range(1, 31)],
    "teen_everyday": [
        "maths test tomorrow. wish me luck lol",
        "finished my art project!! took forever",
        "choir concert on friday, come if you can",
        "finally landed the kickflip after 2 weeks",
        "my dog learned to high five",
        "who else is doing the reading challenge this term",
        "made brownies with my cousin, only slightly burnt",
        "our team won 3-1!! best saturday",
        "new sketchbook, who dis",
        "the school trip to the science museum was actually so fun",
        "learning the piano version of my favourite song",
        "finished the book series and now I feel empty lol",
    ],
}

# Posts per category: each template is filled by TextKit.fill; {tags} is replaced by the category's hashtags.
POST_TEMPLATES: dict[str, list[str]] = {
    "drive_by": [
        "Today I {drive_by_act} {place}. {feeling} {tags}",
        "{drive_by_act_cap} {place}. {feeling} {tags}",
        "Tried a small one today: {drive_by_act}. {feeling} {tags}",
        "Quick one before work: {drive_by_act}. {tags}",
        "{feeling} I {drive_by_act} and walked off before anyone could say anything. {tags}",
    ],
    "witnessed": [
        "Just saw {stranger} {place} who {witnessed_act}. {feeling} {tags}",
        "{stranger_cap} {place} just {witnessed_act}. People are good. {tags}",
        "Watched {stranger} {place} as they {witnessed_act}. {tags}",
        "Small thing I saw today {place}: {stranger} {witnessed_act}. {feeling} {tags}",
    ],
    "compliment": [
        "{compliment} {tags}",
        "{compliment} {feeling} {tags}",
    ],
    "gratitude": [
        "Grateful today for {gratitude_for}. {tags}",
        "Thank you to {gratitude_for}. You have no idea how much it helped. {tags}",
        "A whole post of gratitude for {gratitude_for}. {feeling} {tags}",
        "Can't stop thinking about {gratitude_for}. {tags}",
    ],
    "encouragement": [
        "{encourage} {tags}",
        "Hey, you. {encourage} {tags}",
        "{encourage} {encourage2}",
        "For whoever needs it tonight: {encourage_low} {tags}",
    ],
    "creative": [
        "{creation_cap}. {feeling} {tags}",
        "Weekend project: {creation}. {tags}",
        "I {creation} and honestly I'm a bit proud. {tags}",
        "Not perfect but made with love: {creation}. {tags}",
    ],
    "challenge": [
        "{challenge} {challenge_task}. {tags}",
        "{challenge} {challenge_task}. {feeling} {tags}",
    ],
    "everyday": ["{everyday}", "{everyday}", "{everyday} {tags_light}"],
    "question": ["{question}", "{question} {tags_light}"],
    "teen": [
        "today I {teen_act} {teen_place}. {feeling} {tags}",
        "someone {teen_place} told me my drawing was cool and now I'm in a good mood all day {tags}",
        "{teen_everyday}",
        "{teen_everyday}",
        "we're doing kindness week {teen_place} and I {teen_act} {tags}",
    ],
}

CATEGORY_TAGS: dict[str, list[str]] = {
    "drive_by": ["DriveByKindness", "SpreadKindness", "BeKind", "PayItForward"],
    "witnessed": ["SpreadKindness", "SpreadLove", "BeKind"],
    "compliment": ["BeKind", "SpreadLove", "SpreadKindness"],
    "gratitude": ["Gratitude", "SpreadLove", "SpreadKindness"],
    "encouragement": ["BeKind", "YouGotThis", "SpreadLove"],
    "creative": ["CreateKindness", "SpreadLove", "SpreadKindness"],
    "challenge": ["KindnessChallenge", "SpreadKindness", "BeKind"],
    "everyday": ["SmallJoys"],
    "question": ["BeKind", "SpreadKindness"],
    "teen": ["BeKind", "SpreadKindness", "KindnessWeek", "CreateKindness"],
}

ORG_POSTS: dict[str, list[str]] = {
    "cafe": [
        "Our pay-it-forward board has {k} coffees waiting for whoever needs one. Just ask at the counter. {tags}",
        "Someone paid for the next ten cappuccinos this morning and left no name. {feeling} {tags}",
        "Rainy day = free refills for anyone waiting for the bus outside. Come in and dry off. {tags}",
        "Kindness Wednesday: tell us about a kind thing you saw this week and your cake is on us. {tags}",
        "Thank you to everyone who dropped off coats for the winter drive. The rail is full! {tags}",
    ],
    "school": [
        "Kindness Week starts Monday! Each class will run its own challenge. Share yours with {tags}",
        "Our year 8s wrote {k} thank-you cards for the hospital staff this week. So proud. {tags}",
        "Reminder: the buddy bench is by the main gate. If you see someone sitting there, say hi. {tags}",
        "Today's assembly was all about small acts of kindness. What's yours? {tags}",
        "Huge thanks to the parents who repainted the playground games on Saturday. {tags}",
    ],
    "foundation": [
        "This weekend {k} volunteers helped neighbours with shopping, gardening and lifts. Thank you! {tags}",
        "Want to help but short on time? Even one phone call to a lonely neighbour matters. {tags}",
        "Volunteer day on Saturday: we're painting the community centre. All ages welcome. {tags}",
        "Our pen-pal programme now connects {k} people across generations. {feeling} {tags}",
    ],
    "library": [
        "Someone left a note in a returned book: 'whoever reads this next, you've got this'. {tags}",
        "Free homework help every Tuesday. Our volunteers are lovely and very patient. {tags}",
        "The warm room is open all winter. Tea, books, no questions. {tags}",
        "Story time was packed today. Thank you to the grandad who did all the voices. {tags}",
    ],
    "garden": [
        "Harvest share is on the gate: take what you need, leave what you can. {tags}",
        "{k} new volunteers turned up to dig on Sunday. The compost thanks you. {tags}",
        "Someone fixed our broken wheelbarrow overnight and left no note. Who are you?! {tags}",
    ],
    "shelter": [
        "Thank you to the kids who raised money for dog food with a lemonade stand! {tags}",
        "{k} cats adopted this month. Every one of them went home with a blanket knitted by volunteers. {tags}",
        "Looking for weekend walkers for our big, gentle dogs. Treats provided. {tags}",
    ],
}

COMMENTS: dict[str, list[str]] = {
    "generic": [
        "This made my morning ❤️", "Love this so much.", "Needed to see this today, thank you.",
        "The world needs more of you.", "Okay this is wholesome.", "Saving this one.",
        "Aww, this is lovely.", "You're a gem.", "This is the content I'm here for.",
        "Smiling at my desk like an idiot now.", "Thank you for sharing this.", "Beautiful.",
    ],
    "drive_by": [
        "Stealing this idea for tomorrow.", "Doing this on my way home, thanks for the nudge.",
        "Imagine the surprise on their face!", "Small things really are the big things.",
        "I did the coffee one last week and the person cried a bit. Best feeling.",
    ],
    "witnessed": [
        "People are good, we just don't hear about it enough.", "Faith in humanity restored.",
        "Love that you noticed and shared it.", "Heroes don't always wear capes.",
    ],
    "compliment": [
        "I hope they see this!", "Sharing so it reaches them.", "This is so sweet.",
        "I think I know who you mean, they're lovely!",
    ],
    "gratitude": [
        "Good people exist and you know some of them.", "This is beautiful. Gratitude is contagious.",
        "Hope you told them too! They'd love to know.", "What a lovely thing to notice.",
    ],
    "encouragement": [
        "Needed this tonight. Thank you.", "Screenshotted for bad days.", "Sending this to my sister.",
        "You always know what to say.", "Reading this twice.",
    ],
    "creative": [
        "This is gorgeous! Your sister is lucky.", "You're so talented!", "Can you teach me how?",
        "The love shows. Truly.", "I want one! (not really, give it to someone who needs it)",
    ],
    "challenge": [
        "Keep going, you're doing amazing!", "Which day was the hardest so far?", "Joining from tomorrow!",
        "Our team is doing this too. Day 4 here.",
    ],
    "everyday": [
        "Sounds like a perfect day.", "Enjoy!", "Small joys are the best joys.", "Ha, relatable.",
        "Pics or it didn't happen 😄",
    ],
    "question": [
        "A stranger once paid my bus fare when I was crying. I think about it every week.",
        "Leave a kind note somewhere unexpected. Works every time.",
        "Honestly just listening without fixing.", "Homemade soup. Always soup.",
        "Someone told me I had a calming voice. Twenty years ago. Still remember.",
        "Ask them how they're really doing, then wait for the answer.",
    ],
    "teen": [
        "omg this is so nice", "ur the best", "love this!!", "we should do this together next week",
        "that's so kind of you", "this is why you're my favourite person",
    ],
    "org": [
        "Thank you for everything you do for our neighbourhood!", "How can I help?",
        "I'll be there on Saturday!", "This place is the heart of our street.", "Sharing with my friends!",
    ],
}

REPLIES_BY_AUTHOR = [
    "Thank you so much! ❤️", "That means a lot, thank you.", "Aw, thank you!", "Right back at you!",
    "You're too kind 😊", "Thanks for reading!", "Ha, yes! Let me know how it goes.", "Thank you, friend.",
]
REPLIES_BY_OTHERS = [
    "Exactly this.", "Agreed!", "Same here!", "Yes!!", "So true.", "Love this reply.", "This 👆",
    "Couldn't have said it better.",
]

SHARE_NOTES = [
    "Everyone needs to read this.", "This made my day, passing it on.", "Sharing because it's lovely.",
    "More of this, please.", "Look at this! {spread}", "Reminder that people are good.",
    "Wholesome post of the day.", "Passing the kindness along {spread}", "",
]

ENCOURAGE_LOW = [
    "it's okay to not be okay today.", "one small step is still a step.", "you don't have to earn rest.",
    "tomorrow is a new page.",
]

_SLOT_RE = re.compile(r"\{(\w+)\}")


class TextKit:
    """Composes texts from the templates with a seeded random generator, so a seed gives the same world."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen_tags: set[str] = set()
        self.used_posts: set[str] = set()

    def tag(self, canonical: str) -> str:
        """A hashtag in mixed casing; the first use is canonical because it decides the displayed form."""
        if canonical not in self.seen_tags:
            self.seen_tags.add(canonical)
            return f"#{canonical}"
        roll = self.rng.random()
        if roll < 0.7:
            return f"#{canonical}"
        if roll < 0.9:
            return f"#{canonical.lower()}"
        return f"#{canonical[0]}{canonical[1:].lower()}"

    def tags_for(self, category: str, *, count: int | None = None) -> str:
        pool = CATEGORY_TAGS.get(category, ["SpreadKindness"])
        n = count if count is not None else self.rng.choice([1, 1, 2, 2, 3])
        picked = self.rng.sample(pool, k=min(n, len(pool)))
        return " ".join(self.tag(t) for t in picked)

    def fill(self, template: str, extra: dict[str, str] | None = None, depth: int = 0) -> str:
        extra = extra or {}

        def pick(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in extra:
                return extra[name]
            if name.endswith("_cap") and name[:-4] in FRAGMENTS:
                value = self.fill(self.rng.choice(FRAGMENTS[name[:-4]]), extra, depth + 1)
                return value[:1].upper() + value[1:]
            if name in FRAGMENTS:
                return self.fill(self.rng.choice(FRAGMENTS[name]), extra, depth + 1)
            return match.group(0)

        if depth > 4:  # fragments nest at most a couple of levels; this only guards against a typo loop
            return template
        return _SLOT_RE.sub(pick, template)

    def _post_once(self, category: str, org_kind: str, mention: str | None) -> str:
        template = self.rng.choice(ORG_POSTS[org_kind] if org_kind else POST_TEMPLATES[category])
        extra = {
            "k": str(self.rng.randint(3, 40)),
            "encourage2": self.rng.choice(FRAGMENTS["encourage"]),
            "encourage_low": self.rng.choice(ENCOURAGE_LOW),
        }
        # Tags are drawn only when the template shows them: drawing one marks its canonical first use.
        if "{tags}" in template:
            extra["tags"] = self._org_tags(org_kind) if org_kind else self.tags_for(category)
        if "{tags_light}" in template:
            extra["tags_light"] = self.tags_for(category, count=1)
        text = self.fill(template, extra)
        if mention and self.rng.random() < 0.6:
            text = self.rng.choice(
                [f"{text} (thanks @{mention} for the idea!)", f"@{mention} {text}", f"{text} cc @{mention}"]
            )
        return re.sub(r"\s+", " ", text).strip()

    def _org_tags(self, org_kind: str) -> str:
        by_kind = {
            "cafe": ["PayItForward", "SpreadKindness", "DriveByKindness"],
            "school": ["KindnessWeek", "BeKind", "KindnessChallenge"],
            "foundation": ["SpreadKindness", "Neighbours", "SpreadLove"],
            "library": ["BeKind", "Neighbours", "SmallJoys"],
            "garden": ["Neighbours", "SpreadKindness", "CreateKindness"],
            "shelter": ["SpreadLove", "BeKind", "CreateKindness"],
        }[org_kind]
        return " ".join(self.tag(t) for t in self.rng.sample(by_kind, k=2))

    def post(self, category: str, *, org_kind: str = "", mention: str | None = None) -> str:
        """A post text; retries a few times so that the feed rarely shows the same text twice."""
        seen_before = set(self.seen_tags)
        text = self._post_once(category, org_kind, mention)
        for _ in range(6):
            if text not in self.used_posts:
                break
            self.seen_tags = set(seen_before)  # a discarded draft must not use up a tag's canonical first use
            text = self._post_once(category, org_kind, mention)
        self.used_posts.add(text)
        return text

    def comment(self, category: str, *, mention: str | None = None) -> str:
        pool = COMMENTS.get(category, []) + COMMENTS["generic"]
        text = self.rng.choice(pool)
        if mention and self.rng.random() < 0.25:
            text = f"@{mention} {text}"
        return text

    def reply(self, *, by_post_author: bool) -> str:
        return self.rng.choice(REPLIES_BY_AUTHOR if by_post_author else REPLIES_BY_OTHERS)

    def share_note(self) -> str:
        note = self.rng.choice(SHARE_NOTES)
        return note.replace("{spread}", self.tag("SpreadKindness")) if "{spread}" in note else note
