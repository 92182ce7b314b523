import type { DemoItem } from './index.js';

/** News, press releases, campaigns, guides and plain pages from the fictional charity. */
export const NEWS_AND_POLICY: DemoItem[] = [
  {
    type: 'news',
    subject: 'kinship-care',
    title: 'Kinship carers’ evening in Northmoor',
    summary: 'Our fictional advice team ran a free evening for kinship carers, with more dates coming.',
    tags: 'kinship-care, kinship-campaign',
    body: 'Forty kinship carers came to our first evening in Northmoor (a fictional town). Advisers answered questions about allowances, special guardianship and school support. More dates will follow.',
    notesToEditors: 'Hearth is a fictional family-rights charity used in a software demonstration.',
  },
  {
    type: 'news',
    subject: 'family-support',
    title: 'Ask the advice line to call you back',
    summary: 'If you cannot ring during the day, ask us to call you at a time that suits you within our opening hours.',
    tags: 'advice-line',
    body: 'Our advice line is open Monday to Friday, 9.30am to 3pm. If it is hard for you to ring, you can now ask for a callback online and choose a half-hour slot within those hours.',
  },
  {
    type: 'news',
    subject: 'child-protection',
    title: 'New guide to child protection conferences',
    summary: 'We have published a step-by-step guide, written with parents.',
    tags: 'child-protection, care-review',
    body: 'Parents told us they wanted one place to read about conferences from start to finish. Our new guide covers the invitation, the report, the meeting and the plan.',
  },
  {
    type: 'news',
    subject: 'looked-after-children',
    title: 'Volunteers wanted for our parents’ panel',
    summary: 'Help us check our advice is clear and useful.',
    tags: 'care-review',
    body: 'We are looking for parents and carers with experience of children’s services to read and comment on our advice before it is published. Expenses are paid.',
  },
  {
    type: 'press-release',
    subject: 'kinship-care',
    title: 'Press release: kinship carers need the same support as foster carers, says Hearth',
    summary: 'A fictional charity calls for fair support for relatives raising children.',
    tags: 'kinship-care, kinship-campaign',
    body: `Hearth today called on government to make sure that relatives who take on a child get the support the child needs, whatever the legal arrangement.

## What we are asking for
- Clear written information for every kinship carer about their legal position.
- Financial support that follows the child’s needs.
- Free independent legal advice before a carer agrees to an arrangement.

Hearth’s spokesperson, Alex Example, said: “Grandparents and relatives step in overnight. The support should be there when they do.”`,
    notesToEditors: `- Hearth is a fictional family-rights charity used in a software demonstration.
- All names and figures in this release are fictional.
- Spokespeople are available for interview on request.`,
    resources:
      'Briefing on kinship care | /policy/kinship-care-support | Web page\nAdvice sheet: your options as a kinship carer | /advice/sheets/looking-after-a-relatives-child-your-options.pdf | PDF',
  },
  {
    type: 'press-release',
    subject: 'challenging-decisions',
    title: 'Press release: families need independent advice at every stage',
    summary: 'Hearth publishes a fictional report on what families say about advice.',
    tags: 'care-review',
    body: 'Families told us that advice came too late, often only once a case reached court. Hearth is calling for independent advice from the first contact with children’s services.',
    notesToEditors: '- Hearth is a fictional charity used in a software demonstration.\n- The report is fictional.',
    resources: 'Summary of the report | /policy/review-of-childrens-social-care | Web page',
  },
  {
    type: 'policy',
    subject: 'kinship-care',
    slug: 'kinship-care-support',
    title: 'Campaign: fair support for kinship carers',
    summary: 'Why relatives raising children need clear information, fair allowances and free advice.',
    tags: 'kinship-campaign',
    body: `In the 2021 Census, the Office for National Statistics counted about 121,000 children in England and Wales living in kinship care: with a grandparent, brother or sister or other relative and no parent. It counted only households of five people or fewer, so the real number is higher; Family Rights Group, working from the same census, estimates at least 164,000 ([ONS, 2023](https://www.ons.gov.uk/peoplepopulationandcommunity/birthsdeathsandmarriages/families/articles/kinshipcareinenglandandwales/census2021); [Family Rights Group, 2023](https://frg.org.uk/news-blogs-and-vlogs/news/164000-children-are-growing-up-in-kinship-care-in-england-and-wales/)). Many kinship carers get little support, and many do not know their legal position.

## What we want
1. Written information for every kinship carer.
2. Allowances that follow the child’s needs, not the legal order.
3. Free, independent legal advice before any arrangement is agreed.

## How you can help
Tell us your story, and share this page.`,
  },
  {
    type: 'policy',
    subject: 'family-support',
    slug: 'review-of-childrens-social-care',
    title: 'Our response to the review of children’s social care',
    summary: 'What we said about family help, poverty and independent advice.',
    tags: 'care-review',
    body: `We welcomed the focus on family help. We asked that help be available early, in places families already go, and that poverty is met with practical support rather than suspicion.

## Our main points
- Family help must be easy to reach and non-stigmatising.
- Independent advice and advocacy should be available from the start.
- Families and kinship carers should shape the services they use.`,
  },
  {
    type: 'policy',
    subject: 'challenging-decisions',
    title: 'Campaign: advice for every parent at every stage',
    summary: 'Independent advice should not wait for court.',
    tags: 'care-review, advice-line',
    body: 'Most parents only get a solicitor when a case reaches the pre-proceedings stage. We are asking for independent advice and advocacy from the first contact with children’s services, when it can do the most good.',
  },
  {
    type: 'guide',
    subject: 'child-protection',
    title: 'A guide to child protection enquiries',
    summary: 'From the first phone call to the conference: what happens, and what you can do.',
    tags: 'child-protection',
    body: `This guide takes you through child protection enquiries in England and Wales, one step at a time. It is general information, not legal advice.

## The first contact
A social worker may phone or visit after a referral. Ask who made the referral (they may not tell you), what the concern is, and what happens next. Keep talking to the social worker and let them see your child: taking part is usually the best way to show what is going well.

## Section 47 enquiries
If there is reasonable cause to suspect significant harm, the council must make enquiries. A social worker will usually see your child and talk to you and other professionals. Get legal advice before a police interview, and before you sign anything such as a written agreement or safety plan.

## The conference
If concerns remain, an initial child protection conference is held. Read the report beforehand and bring someone with you.

## After the conference
If there is a plan, a core group meets to put it into practice. Ask for the plan in writing and say if anything in it is unclear.`,
  },
  {
    type: 'guide',
    subject: 'kinship-care',
    title: 'A guide for new kinship carers',
    summary: 'Your first weeks caring for a relative’s child: the checklist.',
    tags: 'kinship-care',
    body: `You have taken in a child you love at short notice. This guide covers what to sort out first.

## Week one
- Find out the legal arrangement, in writing.
- Register with a GP and tell the school.
- If the child is not looked after by the council, claim Child Benefit if nobody else is. If the council placed the child with you as a foster carer, Child Benefit is not paid: you should get a fostering allowance instead.

## Money
Ask the council what support comes with the arrangement: in England, ask for its kinship local offer. Get a benefits check.

## Support for you
Find a local kinship carers’ group, and ask for a support plan.`,
  },
  {
    type: 'page',
    slug: 'about',
    title: 'About Hearth',
    summary: 'Who we are and what we do (a fictional charity for this demo).',
    body: 'Hearth is a fictional family-rights charity in this demonstration. It gives general information and advice to parents and kinship carers whose children are involved with children’s services in England and Wales.',
  },
  {
    type: 'page',
    slug: 'get-involved',
    title: 'Get involved',
    summary: 'Ways to support families: volunteer, share your story, or tell us what to change.',
    body: 'You can join our parents’ panel, write for the blog, or tell us which advice is missing. Email hello@example.org (a demo address).',
  },
];
