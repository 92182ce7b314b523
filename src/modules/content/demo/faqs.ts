import type { DemoItem } from './index.js';

/** Two questions for each subject, answered in a few sentences. */
export const FAQS: DemoItem[] = [
  {
    type: 'faq',
    subject: 'family-support',
    title: 'Will asking for help mean my children are taken away?',
    summary: 'No. Asking for support is not a sign that your children are unsafe.',
    body: 'No. Most families who ask for help get support to stay together. Councils have a duty to support children in need in their own families where that is safe. Be honest about what is hard, and ask for support in writing.',
  },
  {
    type: 'faq',
    subject: 'family-support',
    title: 'Can I see what children’s services have written about me?',
    summary: 'Yes, you can ask for your records under data protection law.',
    body: 'Yes. You can make a subject access request to the council for information it holds about you. It usually has one month to reply. Some information, such as details about other people, may be withheld.',
  },
  {
    type: 'faq',
    subject: 'child-protection',
    title: 'What is a strategy discussion?',
    summary: 'A discussion between professionals to decide whether to make child protection enquiries.',
    body: 'When there is reasonable cause to suspect a child is suffering, or likely to suffer, significant harm, professionals such as social workers, police and health staff talk about what to do next. Parents are not usually part of it, but you should be told what was decided.',
  },
  {
    type: 'faq',
    subject: 'child-protection',
    title: 'How long does a child protection plan last?',
    summary: 'Until the child is no longer at risk of significant harm; it is reviewed regularly.',
    body: 'There is no fixed length. In England the first review conference is within three months of the initial conference, then at least every six months. The plan ends when professionals agree the child is no longer at risk of significant harm.',
  },
  {
    type: 'faq',
    subject: 'looked-after-children',
    title: 'Can I take my child home from voluntary care?',
    summary: 'Usually yes: you can remove your child from accommodation you agreed to.',
    body: 'If your child is looked after with your agreement and there is no court order, a person with parental responsibility can usually remove them at any time. Tell the council in writing. If the council thinks your child would not be safe, it may go to court, so get advice first.',
  },
  {
    type: 'faq',
    subject: 'looked-after-children',
    title: 'What does an independent reviewing officer do?',
    summary: 'They check that the council is following your child’s care plan.',
    body: 'An independent reviewing officer (IRO) chairs the reviews of a looked-after child’s care plan and makes sure the child’s wishes are heard. Once a court has made a final care order, the court no longer oversees the plan, so the IRO is the person to contact if you think the plan is not being followed.',
  },
  {
    type: 'faq',
    subject: 'kinship-care',
    title: 'Am I a family and friends foster carer?',
    summary: 'You may be, if the council was involved in arranging for the child to live with you.',
    body: 'If the council arranged for the child to live with you, the child may be looked after and you may be a family and friends foster carer, even if nobody used that term. This matters for the allowances and support you should get. Ask the council in writing how it sees the arrangement.',
  },
  {
    type: 'faq',
    subject: 'kinship-care',
    title: 'Can I get paid for looking after my grandchild?',
    summary: 'It depends on the arrangement: fostering allowances, special guardianship allowances or benefits.',
    body: 'It depends on whether the child is looked after by the council. Family and friends foster carers of a looked-after child get fostering allowances, but Child Benefit is not paid for that child and Universal Credit does not include the child element for them. Special guardians may get a means-tested allowance from the council. Informal carers may be able to claim Child Benefit and Universal Credit. Get a benefits check, as arrangements interact.',
  },
  {
    type: 'faq',
    subject: 'adoption',
    title: 'Can I stop an adoption?',
    summary: 'You can take part in the court case and, in limited cases, ask for permission to oppose the adoption.',
    body: 'You can take part in the placement order hearing with free legal aid. Once a child is placed for adoption, you need the court’s permission to oppose the adoption order, and only if circumstances have changed. Speak to a solicitor quickly.',
  },
  {
    type: 'faq',
    subject: 'adoption',
    title: 'Will I be able to stay in touch with my child after adoption?',
    summary: 'Often through letters; sometimes more. The court must consider it.',
    body: 'Courts must consider contact arrangements before making an adoption order. Many birth families have letterbox contact through the adoption agency. Tell the social worker what contact you want as early as possible.',
  },
  {
    type: 'faq',
    subject: 'challenging-decisions',
    title: 'How long does a complaint to the council take?',
    summary: 'It depends on the stage, and on whether you live in England or Wales.',
    body: 'In England, the first stage is usually answered within 10 working days, extendable to 20; the second stage is an investigation, and the third a review panel, before the Local Government and Social Care Ombudsman. In Wales there are two stages: the council should offer to talk your complaint through within 10 working days, and reply to a formal investigation within 25 working days; after that you can go to the Public Services Ombudsman for Wales.',
  },
  {
    type: 'faq',
    subject: 'challenging-decisions',
    title: 'Can I complain and still work with the social worker?',
    summary: 'Yes. Complaining must not be held against you.',
    body: 'Yes. You have a right to complain, and it should not affect how the council treats you. Keep to facts, keep copies, and keep going to meetings while the complaint is considered.',
  },
];
