import type { Framework } from './format.js';

/**
 * Hearth's own framework, written for this project, used by any organisation that has loaded none of its own. The
 * child's needs are graded 1 (met well) to 4 (seldom met); the family's circumstances are a separate layer that is
 * never graded, so that a family's poverty leads to help and is never scored as neglect. A licensed tool (such as the
 * Graded Care Profile 2) may be loaded by an authority that holds the licence; none of its text is here.
 */
export const DEFAULT_FRAMEWORK_VERSION = 1;

export const DEFAULT_FRAMEWORK: Framework = {
  title: 'Hearth child’s needs and family circumstances',
  source: 'Written for Hearth; free to use.',
  domains: [
    {
      key: 'physical-care',
      title: 'Physical care',
      questions: [
        {
          key: 'food-and-drink',
          text: 'Does the child get enough to eat and drink, at regular times, suited to their age?',
          grades: {
            1: 'Meals are regular and suited to the child; the child is never left hungry.',
            2: 'Meals are mostly regular; the odd missed meal is made up for.',
            3: 'The child is often hungry or fed at random; they look for food elsewhere.',
            4: 'The child is seldom given a meal and is regularly hungry.',
          },
        },
        {
          key: 'clothing-and-hygiene',
          text: 'Is the child kept clean, and dressed for the weather?',
          grades: {
            1: 'The child is clean and has clothes that fit and suit the weather.',
            2: 'Now and then the child is unwashed or dressed for the wrong weather, and it is put right.',
            3: 'The child is often unwashed or in clothes that do not fit or keep them warm.',
            4: 'The child is seldom washed and has few usable clothes; other children notice.',
          },
        },
        {
          key: 'home-conditions',
          text: 'Is the home a place where the child can sleep, play and be looked after?',
          grades: {
            1: 'The child has a bed of their own and the home is kept in a state fit for them.',
            2: 'The home is sometimes untidy or unsafe in small ways, which the family put right when asked.',
            3: 'The home is often unfit for the child: no proper bed, hazards left, or rooms unusable.',
            4: 'The home is persistently dangerous or unfit for a child, and nothing changes.',
          },
        },
      ],
    },
    {
      key: 'health',
      title: 'Health',
      questions: [
        {
          key: 'health-care',
          text: 'Are the child’s health needs seen to: check-ups, illness, injuries and medicines?',
          grades: {
            1: 'Appointments are kept and illness or injury is seen to promptly.',
            2: 'Most appointments are kept; help is sometimes sought a little late.',
            3: 'Appointments are often missed and illness is left until it is serious.',
            4: 'Health needs are ignored, even when the child is clearly unwell or hurt.',
          },
        },
        {
          key: 'dental-and-development',
          text: 'Are the child’s teeth, sight, hearing and development looked after?',
          grades: {
            1: 'The child sees a dentist and has development checks; any need found is followed up.',
            2: 'Checks happen, though some follow-up waits longer than it should.',
            3: 'Checks are missed and needs found are not followed up.',
            4: 'The child has untreated pain or needs that nobody acts on.',
          },
        },
      ],
    },
    {
      key: 'safety-and-supervision',
      title: 'Safety and supervision',
      questions: [
        {
          key: 'supervision',
          text: 'Does someone suitable know where the child is and look after them, at home and out?',
          grades: {
            1: 'The child is supervised in a way that suits their age, by adults who can be trusted.',
            2: 'Supervision slips now and then, and the family see the risk when it is pointed out.',
            3: 'The child is often left alone or with unsuitable people for their age.',
            4: 'The child is regularly left without anyone to look after them, or in danger.',
          },
        },
        {
          key: 'safety-at-home',
          text: 'Is the child kept safe from dangers in the home, such as medicines, fires and people who may harm them?',
          grades: {
            1: 'Dangers are kept away from the child and adults notice risks.',
            2: 'Some dangers are within reach at times; the family act when told.',
            3: 'Dangers are often within reach and risky adults are around the child.',
            4: 'The child is exposed to serious danger and the adults do not act to protect them.',
          },
        },
      ],
    },
    {
      key: 'emotional-care',
      title: 'Emotional care',
      questions: [
        {
          key: 'warmth',
          text: 'Does the child get warmth, comfort and praise from the adults who care for them?',
          grades: {
            1: 'The child is comforted when upset and praised often; they turn to their carers.',
            2: 'Warmth is there but uneven, for example when the carer is under strain.',
            3: 'The child is seldom comforted and is often criticised or ignored.',
            4: 'The child is treated coldly or with hostility and does not seek comfort from carers.',
          },
        },
        {
          key: 'belonging',
          text: 'Does the child feel they belong, with routines and adults they can rely on?',
          grades: {
            1: 'The child has steady routines and trusted adults, and feels part of the family.',
            2: 'Routines and care are mostly steady, with some unsettled spells.',
            3: 'The child’s world is often chaotic; carers come and go or are unpredictable.',
            4: 'The child has no one they can rely on and shows it in their behaviour.',
          },
        },
      ],
    },
    {
      key: 'education-and-stimulation',
      title: 'Education and stimulation',
      questions: [
        {
          key: 'school-or-nursery',
          text: 'Does the child go to school or nursery, ready to learn, with their progress followed?',
          grades: {
            1: 'The child attends well and a carer takes an interest in how they are doing.',
            2: 'Attendance has gaps or some interest is missing, which the family respond to.',
            3: 'Attendance is poor and the family rarely engage with the school.',
            4: 'The child seldom attends and nobody at home supports their learning.',
          },
        },
        {
          key: 'play-and-talk',
          text: 'Does the child have play, talk, books or activities that suit their age?',
          grades: {
            1: 'Adults play and talk with the child, and the child has things to do.',
            2: 'Play and talk happen, though not as often as the child needs.',
            3: 'The child is seldom talked or played with and has little to do.',
            4: 'The child is left without play, talk or attention for long periods.',
          },
        },
      ],
    },
  ],
  circumstances: [
    {
      key: 'income-and-debt',
      title: 'Income and debt',
      question: 'Is the family short of money or in debt, or waiting for benefits they are owed?',
      support: 'welfare-rights',
      supportSuggestion: 'Referral to welfare rights and debt advice for a benefits check.',
    },
    {
      key: 'housing',
      title: 'Housing',
      question: 'Is the family’s home at risk, overcrowded, in disrepair or temporary?',
      support: 'housing',
      supportSuggestion: 'Referral to the housing options team, with a letter of support.',
    },
    {
      key: 'food-and-fuel',
      title: 'Food and fuel',
      question: 'Does the family struggle to buy food, or to heat and light the home?',
      support: 'food-and-fuel',
      supportSuggestion: 'Food bank voucher and help to apply to the household support fund.',
    },
    {
      key: 'support-network',
      title: 'Support network',
      question: 'Is the family without relatives, friends or neighbours who can help?',
      support: 'support-network',
      supportSuggestion: 'Offer a family group conference and introduce local parent groups.',
    },
    {
      key: 'access-to-services',
      title: 'Access to services',
      question: 'Does the family find it hard to reach services: travel, language, disability, or being refused?',
      support: 'access-to-services',
      supportSuggestion: 'Help with travel costs, an interpreter, or a worker to go to appointments with them.',
    },
  ],
};
