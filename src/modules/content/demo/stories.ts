import type { DemoItem } from './index.js';

/** Blogs, vlogs and films. Every person here is fictional, and says so in the closing line of each post. */
export const STORIES: DemoItem[] = [
  {
    type: 'blog-post',
    subject: 'kinship-care',
    title: 'The night my granddaughter came to stay',
    summary: 'A grandmother on becoming a kinship carer overnight, and what she wishes she had asked.',
    authorName: 'Maggie Example',
    authorKind: 'kinship-carer',
    tags: 'kinship-care, special-guardianship',
    body: `The phone rang at ten at night. By midnight my granddaughter was asleep in my spare room, with a carrier bag of clothes and a social worker’s number on my fridge.

Nobody told me then that how she came to me mattered. The council had arranged it, and an adviser later explained that this could mean she was looked after and I was, in law, her foster carer: it depended on the part the council had played. I only found that out months later.

## What I would say to anyone in my place
- Ask the social worker, in writing, what the arrangement is.
- Ask what support comes with it.
- Find other kinship carers. They knew more than anyone.

_Maggie Example is a fictional kinship carer, written for Hearth’s demo._`,
  },
  {
    type: 'blog-post',
    subject: 'child-protection',
    title: 'What helped me through the child protection conference',
    summary: 'A father on reading the report, taking notes, and being heard.',
    authorName: 'Dan Sample',
    authorKind: 'parent',
    tags: 'child-protection, conference',
    body: `I got the report the day before. It said things about me that were out of date, and some that were simply wrong.

I wrote a list, one line for each point, and took it in. When it was my turn I read it out. The chair asked for it to go in the minutes.

## Three things that helped
1. Bringing my sister, who took notes.
2. Agreeing with what was true, so the rest was taken seriously.
3. Asking what exactly had to change.

_Dan Sample is a fictional parent, written for Hearth’s demo._`,
  },
  {
    type: 'blog-post',
    subject: 'family-support',
    title: 'Why we stopped calling it “non-engagement”',
    summary: 'A Hearth adviser on missed appointments, bus fares, and listening.',
    authorName: 'Priya Placeholder',
    authorKind: 'staff',
    tags: 'family-support, poverty',
    body: `On the advice line we hear “they say I am not engaging” every week. Behind it there is usually something ordinary: no credit on the phone, no bus fare, a shift that cannot be moved.

Poverty is not neglect. Support that families can actually reach makes a difference to children.

We encourage families to write down the reason each time an appointment is missed, and to ask for meetings at times and places they can manage.

_Priya Placeholder is a fictional member of staff, written for Hearth’s demo._`,
  },
  {
    type: 'blog-post',
    subject: 'challenging-decisions',
    title: 'A complaint that changed how our council writes letters',
    summary: 'A guest author from a fictional council on learning from complaints.',
    authorName: 'Chris Specimen',
    authorKind: 'guest',
    tags: 'challenging-decisions, complaints',
    body: `A mother complained that our letters were impossible to understand. She was right. We rewrote them with parents, in plain English, and put the name and number of a real person at the top.

Complaints are free advice on how to do better. We now read every one at our monthly practice meeting.

_Chris Specimen is a fictional guest author from a fictional council, written for Hearth’s demo._`,
  },
  {
    type: 'blog-post',
    subject: 'adoption',
    title: 'Letters to my son',
    summary: 'A birth mother on letterbox contact, and keeping going.',
    authorName: 'Jo Example',
    authorKind: 'parent',
    tags: 'adoption, contact',
    body: `Twice a year I write to my son through the adoption agency. The first letter took me a month.

I write about ordinary things: the dog, the weather, the football. I keep a copy of every letter, so one day he can see I never stopped.

If you are starting letterbox contact, ask the agency for help. They can tell you what to include and what to leave out.

_Jo Example is a fictional parent, written for Hearth’s demo._`,
  },
  {
    type: 'vlog',
    subject: 'kinship-care',
    title: 'Vlog: a week as a kinship carer',
    summary: 'Grandad Ray films the school runs, the forms and the good bits.',
    authorName: 'Ray Sample',
    authorKind: 'kinship-carer',
    tags: 'kinship-care',
    videoUrl: 'https://video.example.org/hearth/week-as-kinship-carer',
    body: 'Ray looks after his two grandsons. In this short vlog he shows a normal week, and talks about the support that made the difference.',
    transcript: `Ray: Morning. It’s seven o’clock and we are already late.
Ray: Tuesday is the day for forms. This one is for the special guardianship allowance review.
Ray: The best thing we did was join the local kinship carers’ group. Thursday nights, tea and biscuits, and people who understand.
Ray: If you are new to this, ask for a support plan. And ask again.
This vlog is fictional and made for Hearth’s demo.`,
  },
  {
    type: 'vlog',
    subject: 'looked-after-children',
    title: 'Vlog: getting ready for my son’s review',
    summary: 'A mother talks through how she prepares for her son’s looked-after review.',
    authorName: 'Sam Example',
    authorKind: 'parent',
    tags: 'looked-after-children, reviews',
    videoUrl: 'https://video.example.org/hearth/getting-ready-for-review',
    body: 'Sam’s son is in foster care. Before each review she writes down what is going well and what she wants to change.',
    transcript: `Sam: The review is on Friday. I’ve got my notebook.
Sam: First page: what’s going well. Contact is every week now, and he’s settled at school.
Sam: Second page: what I want. More time on Saturdays, and to go to his parents’ evening.
Sam: I’ll email the reviewing officer before, so it’s on record.
This vlog is fictional and made for Hearth’s demo.`,
  },
  {
    type: 'film',
    subject: 'child-protection',
    title: 'Film: what happens at a child protection conference',
    summary: 'A short explainer film that walks through a conference from invitation to plan.',
    tags: 'child-protection, conference',
    videoUrl: 'https://video.example.org/hearth/conference-explained',
    body: 'This film explains, step by step, what happens at a child protection conference and how parents can take part.',
    transcript: `Narrator: A child protection conference is a meeting about a child’s safety.
Narrator: You should be invited, and get the social worker’s report before the meeting.
Narrator: At the meeting, professionals share what they know. You can say what you think, and bring someone with you.
Narrator: The chair decides whether a child protection plan is needed.
Narrator: Ask for the minutes, and check them.
This film is fictional and made for Hearth’s demo.`,
  },
  {
    type: 'film',
    subject: 'kinship-care',
    title: 'Film: special guardianship explained',
    summary: 'What a special guardianship order is, and what support a special guardian can ask for.',
    tags: 'kinship-care, special-guardianship',
    videoUrl: 'https://video.example.org/hearth/special-guardianship',
    body: 'A short film for relatives thinking about special guardianship.',
    transcript: `Narrator: A special guardianship order is made by a court.
Narrator: It gives the special guardian parental responsibility, usually until the child is 18.
Narrator: Before the order, the council must write a report, and you can ask for a support plan.
Narrator: Get legal advice before you agree. Some councils pay for it.
This film is fictional and made for Hearth’s demo.`,
  },
  {
    type: 'film',
    subject: 'challenging-decisions',
    title: 'Film: making a complaint that gets results',
    summary: 'How to write a clear complaint to children’s services.',
    tags: 'challenging-decisions, complaints',
    videoUrl: 'https://video.example.org/hearth/complaints',
    body: 'Three short steps to a complaint that is clear, calm and hard to ignore.',
    transcript: `Narrator: One. Say what happened, with dates.
Narrator: Two. Say why it was wrong, and how it affected your family.
Narrator: Three. Say what you want to happen now.
Narrator: Keep copies. Diary the deadlines.
This film is fictional and made for Hearth’s demo.`,
  },
];
