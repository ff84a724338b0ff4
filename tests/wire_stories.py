"""Stories written for the wire-copy and spread tests: a wire story, another outlet's
republication of it, a later story on the same dispute with the same people, a market note
that quotes one paragraph, and a brief. All invented."""

WIRE = [
    "Dock workers at the port of Kessel walked off the job on Monday, halting the loading of "
    "grain ships for the first time in eleven years.",
    "The strike was called by the Harbour Workers Union after talks over night-shift pay broke "
    "down late on Sunday. About 1,400 workers took part, according to the union, while the "
    "port authority put the figure closer to 900.",
    "“We will keep the terminal open through the winter, whatever it costs,” port director "
    "Mirela Vaskova said at a news conference. She added that managers would run two of the "
    "six cranes themselves.",
    "Grain traders warned that a long stoppage could delay shipments already sold to buyers "
    "across the region. Three vessels were waiting at anchor outside the harbour on Monday "
    "afternoon, and a fourth was expected by Wednesday.",
    "Union leader Tomas Berger said his members had offered to return if the port authority "
    "agreed to independent arbitration. The authority has so far refused, saying the pay "
    "demands would add a fifth to its wage bill.",
    "The port handled a record 31 million tonnes of cargo last year, most of it grain and "
    "fertiliser bound for markets overseas. Local officials fear the dispute could push some "
    "of that trade to rival harbours further along the coast.",
    "The regional transport minister, Ilse Marten, urged both sides to resume talks and said "
    "she would meet them on Thursday.",
    "A previous strike at the port, in the spring of 2014, lasted nine days and ended with a "
    "two-year pay deal.",
]
ORIGINAL = "\n\n".join(WIRE) + "\n"
# Another outlet's version: its header, a lead of its own in place of the wire's, two
# paragraphs swapped, the tail cut, a word changed, and its footer.
REPUBLISHED = "\n\n".join([
    "Coastal Daily | Business",
    "Shipping through Kessel ground to a halt this week as a pay dispute boiled over, and the "
    "harbour's director has vowed not to give in.",
    WIRE[1], WIRE[2], WIRE[4], WIRE[3].replace("long stoppage", "lengthy stoppage"), WIRE[5],
    "Share this article",
    "Copyright 2026 Coastal Daily. All rights reserved.",
]) + "\n"
# The same dispute and the same people, told in other words three days later.
FOLLOW_UP = "\n\n".join([
    "Talks to end the dock strike at Kessel collapsed on Thursday after less than an hour, "
    "leaving the grain terminal idle for a fourth day.",
    "Ilse Marten, the regional transport minister, had invited port director Mirela Vaskova "
    "and union leader Tomas Berger to her office in the hope of agreeing a timetable for "
    "arbitration.",
    "Berger told reporters outside that the port authority had brought no new offer. Vaskova "
    "said the union's demands were unaffordable and that the cranes would keep running with "
    "managers at the controls.",
    "Seven ships are now queuing off the coast. Exporters say they will seek compensation if "
    "contracts are missed, and two shipping lines have begun diverting vessels to other ports.",
    "Marten said she would ask an independent mediator to step in next week.",
]) + "\n"
# A short market note of its own that quotes one paragraph of the wire story.
MARKET_NOTE = "\n\n".join([
    "Wheat futures rose for a third session on Tuesday as buyers weighed the risk of delayed "
    "cargoes from the north.",
    WIRE[3],
    "Analysts at two trading houses said prices could ease quickly once the terminal resumed "
    "work, since stocks elsewhere remain high and demand from mills has been soft this month. "
    "Freight rates for smaller vessels also edged up, brokers said, as charterers looked for "
    "alternatives along the coast.",
]) + "\n"
# A brief made of the wire story's first two paragraphs under an outlet's own lines.
BRIEF = "\n\n".join(["In brief", WIRE[0], WIRE[1], "Read more: port news"]) + "\n"
# A radio newsroom's own story, a day later, that repeats the director's words and the
# minister's plan.
RADIO = "\n\n".join([
    "Cranes stood still at Kessel on Tuesday as the dock strike entered its second day.",
    "“We will keep the terminal open through the winter, whatever it costs,” Mirela Vaskova "
    "told reporters, repeating the pledge she made on Monday.",
    "The regional transport minister, Ilse Marten, said she would meet them on Thursday.",
    "Farmers' groups said they were worried about storage space if exports stay blocked.",
]) + "\n"
